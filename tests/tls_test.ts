import assert from "node:assert/strict";
import {
  ConfigError,
  DEFAULT_CONFIG,
  type RunningServer,
  type ServerConfig,
  startServer,
} from "../src/server/mod.ts";
import { waitFor, within } from "./_helpers.ts";

/** Whether `openssl` can be run here; without it the TLS tests are ignored. */
const OPENSSL = (() => {
  try {
    return new Deno.Command("openssl", { args: ["version"] }).outputSync()
      .success;
  } catch {
    return false;
  }
})();
if (!OPENSSL) {
  console.warn(
    "tests/tls_test.ts: `openssl` was not found, so the TLS tests are ignored (they make a self-signed certificate with it).",
  );
}

/** Starts a server on 127.0.0.1:0 that logs into `lines`. */
async function start(
  config: Partial<ServerConfig>,
  lines: string[] = [],
): Promise<RunningServer & AsyncDisposable> {
  const server = await startServer(
    {
      ...DEFAULT_CONFIG,
      host: "127.0.0.1",
      port: 0,
      pingMs: 0,
      dataDir: ":memory:",
      ...config,
    },
    { log: (line) => lines.push(line) },
  );
  return Object.assign(server, {
    [Symbol.asyncDispose]: () => server.shutdown(),
  });
}

/** A self-signed certificate for 127.0.0.1 and localhost in a temp dir. */
async function makeCertificate(): Promise<
  { dir: string; certPath: string; keyPath: string; cert: string }
> {
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "loup-tls-" });
  const certPath = `${dir}/cert.pem`;
  const keyPath = `${dir}/key.pem`;
  const out = await new Deno.Command("openssl", {
    args: [
      ...["req", "-x509", "-nodes", "-days", "2"],
      ...["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
      ...["-keyout", keyPath, "-out", certPath, "-subj", "/CN=127.0.0.1"],
      ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
      ...["-addext", "basicConstraints=critical,CA:FALSE"],
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return { dir, certPath, keyPath, cert: await Deno.readTextFile(certPath) };
}

Deno.test({
  name:
    "startServer() with TLS_CERT and TLS_KEY serves HTTPS and wss:// to clients that trust the certificate, and nothing in plain text",
  ignore: !OPENSSL,
  fn: async () => {
    const { dir, certPath, keyPath, cert } = await makeCertificate();
    try {
      const lines: string[] = [];
      await using server = await start({
        tlsCertPath: certPath,
        tlsKeyPath: keyPath,
      }, lines);
      const { port, url } = server;
      assert.equal(url, `https://127.0.0.1:${port}`);
      assert.match(
        lines[0] ?? "",
        /listening on https:\/\/127\.0\.0\.1:\d+ \(tRPC at wss:\/\/127\.0\.0\.1:\d+\/trpc, the original JSON protocol at wss:\/\/127\.0\.0\.1:\d+\/ws\/\{client_id\}\); watch the games at https:\/\/127\.0\.0\.1:\d+\//,
      );
      // (a) GET /health over https, trusting the certificate
      const client = Deno.createHttpClient({ caCerts: [cert] });
      try {
        for (const host of ["127.0.0.1", "localhost"]) {
          const response = await fetch(`https://${host}:${port}/health`, {
            client,
          });
          assert.equal(response.status, 200);
          assert.equal((await response.json()).status, "ok");
        }
      } finally {
        client.close();
      }
      // not served: plain http and ws, or https without trusting the cert
      await assert.rejects(() => fetch(`http://127.0.0.1:${port}/health`));
      await assert.rejects(() => fetch(`https://127.0.0.1:${port}/health`));
      for (const scheme of ["ws", "wss"]) {
        const ws = new WebSocket(`${scheme}://127.0.0.1:${port}/trpc`);
        const outcome = await within(
          new Promise<string>((resolve) => {
            ws.onopen = () => resolve("opened");
            ws.onerror = (event) => resolve((event as ErrorEvent).message);
          }),
          5000,
          `${scheme}:// to the TLS port`,
        );
        if (scheme === "wss") {
          assert.match(outcome, /certificate|UnknownIssuer/);
        } else assert.notEqual(outcome, "opened");
      }
      // (b) a tRPC call over wss:// with the official client in a process
      // that trusts the certificate (Deno's WebSocket takes no CA option),
      // served on the front's own TLS connection: not piped to Deno.serve
      const front = server.front!;
      assert.ok(front !== null);
      const pipedBefore = front.pipedConnectionsTotal();
      assert.ok(pipedBefore >= 1, "the https requests were piped");
      const output = await within(
        new Deno.Command(Deno.execPath(), {
          args: [
            ...["run", "--cert", certPath, "--allow-net"],
            "tests/_wss_client.ts",
            `wss://localhost:${port}/trpc`,
          ],
          env: { NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output(),
        30_000,
        "the wss:// client",
      );
      const stdout = new TextDecoder().decode(output.stdout);
      assert.equal(
        output.code,
        0,
        stdout + new TextDecoder().decode(output.stderr),
      );
      const answer = JSON.parse(stdout);
      assert.equal(answer.ok, true);
      assert.equal(front.pipedConnectionsTotal(), pipedBefore, "wss:// piped");
      assert.ok(Math.abs(Date.parse(answer.serverTime) - Date.now()) < 60_000);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "startServer() refuses TLS files it cannot read or use with a ConfigError naming the setting",
  ignore: !OPENSSL,
  fn: async () => {
    const { dir, certPath, keyPath } = await makeCertificate();
    try {
      const cases: [string, string, RegExp][] = [
        [
          `${dir}/missing.pem`,
          keyPath,
          /TLS_CERT=.*missing\.pem cannot be read/,
        ],
        [
          certPath,
          `${dir}/missing.pem`,
          /TLS_KEY=.*missing\.pem cannot be read/,
        ],
        [certPath, certPath, /TLS_CERT and TLS_KEY could not be used/],
        [keyPath, keyPath, /TLS_CERT and TLS_KEY could not be used/],
        [dir, keyPath, /TLS_CERT=.* cannot be read/],
      ];
      await Deno.writeTextFile(`${dir}/text.pem`, "not a certificate\n");
      const other = await new Deno.Command("openssl", {
        args: [
          ...["genpkey", "-algorithm", "ec", "-out", `${dir}/other.pem`],
          ...["-pkeyopt", "ec_paramgen_curve:prime256v1"],
        ],
        stderr: "piped",
      }).output();
      assert.ok(other.success, "openssl genpkey");
      cases.push([
        certPath,
        `${dir}/other.pem`,
        /could not be used .*Mismatch/,
      ]);
      cases.push([`${dir}/text.pem`, keyPath, /TLS_CERT=.*is not a PEM file/]);
      for (const [tlsCertPath, tlsKeyPath, message] of cases) {
        await assert.rejects(
          () => start({ tlsCertPath, tlsKeyPath }),
          (error: unknown) =>
            error instanceof ConfigError && message.test(error.message),
          `${tlsCertPath} ${tlsKeyPath}`,
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("startServer() without TLS settings logs and reports an http:// URL", async () => {
  const lines: string[] = [];
  await using server = await start({}, lines);
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  assert.match(lines[0] ?? "", /listening on http:\/\/.* \(tRPC at ws:\/\//);
});

Deno.test({
  name:
    "startServer() with TLS closes a connection whose first head, after the handshake, is not complete within HTTP_HEADER_TIMEOUT_MS",
  ignore: !OPENSSL,
  fn: async () => {
    const { dir, certPath, keyPath, cert } = await makeCertificate();
    try {
      await using server = await start({
        tlsCertPath: certPath,
        tlsKeyPath: keyPath,
        headerTimeoutMs: 300,
      });
      const { port, front } = server;
      assert.ok(front !== null, "the front does the TLS");
      const ended = async (conn: Deno.Conn, what: string) => {
        const buffer = new Uint8Array(1024);
        await within(
          (async () => {
            for (let reads = 0; reads < 100; reads++) {
              if (await conn.read(buffer).catch(() => null) === null) return;
            }
          })(),
          5000,
          what,
        );
      };
      // a finished handshake, then half a head: closed once the deadline passed
      // (before the handshake Deno cannot close it: see the README's Connections)
      const half = await Deno.connectTls({
        hostname: "127.0.0.1",
        port,
        caCerts: [cert],
      });
      try {
        await half.handshake();
        await half.write(new TextEncoder().encode("GET /health HTTP/1.1\r\n"));
        await ended(half, "the half head to be closed");
      } finally {
        half.close();
      }
      // a whole head in time is served over HTTPS
      const client = Deno.createHttpClient({ caCerts: [cert] });
      try {
        const response = await fetch(`https://127.0.0.1:${port}/health`, {
          client,
        });
        assert.equal(response.status, 200);
        assert.equal((await response.json()).status, "ok");
      } finally {
        client.close();
      }
      await waitFor(() => front.plainConnections() === 0, "no connection left");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

import assert from "node:assert/strict";
import { HeaderEnd } from "../src/server/_front_pipe.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";

const encoder = new TextEncoder();

/** A raw TCP connection to the server; `await using` closes it. */
async function rawConnect(port: number) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const reading = (async () => {
    const buffer = new Uint8Array(4096);
    try {
      for (;;) {
        const read = await conn.read(buffer);
        if (read === null) break;
        text += decoder.decode(buffer.subarray(0, read));
      }
    } catch {
      // reset by the server
    }
    ended = true;
  })();
  return {
    conn,
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    send: (line: string) => conn.write(encoder.encode(line)).catch(() => 0),
    [Symbol.asyncDispose]: async () => {
      try {
        conn.close();
      } catch {
        // closed by the server
      }
      await reading;
    },
  };
}

Deno.test("HeaderEnd.push() finds the end of a request head across chunks", () => {
  const head = new HeaderEnd();
  assert.equal(head.push(encoder.encode("GET / HTTP/1.1\r\nHost: x\r")), false);
  assert.equal(head.push(encoder.encode("\n\r")), false);
  assert.equal(head.push(encoder.encode("\n")), true);
  assert.equal(head.push(encoder.encode("anything")), true, "stays found");
  const lines = new HeaderEnd();
  assert.equal(lines.push(encoder.encode("a\r\nb\r\n\r\r\nc")), false);
  assert.equal(new HeaderEnd().push(encoder.encode("x\r\r\n\r\n")), true);
});

Deno.test("ConnectionFront closes slowloris connections after HTTP_HEADER_TIMEOUT_MS and serves complete heads", async () => {
  await using server = await startTestServer({ headerTimeoutMs: 300 });
  const { front, port } = server.server;
  assert.ok(front !== null);
  const slow = await Promise.all(
    Array.from({ length: 20 }, () => rawConnect(port)),
  );
  try {
    for (const conn of slow) await conn.send("GET /health HTTP/1.1\r\n");
    // one header line every 50 ms: the head never completes
    for (let i = 0; i < 100 && !slow.every((c) => c.ended); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const conn of slow) {
        if (!conn.ended) await conn.send(`X-Slow-${i}: y\r\n`);
      }
    }
    assert.ok(slow.every((c) => c.ended), "every slow connection was closed");
    assert.ok(slow.every((c) => c.text === ""), "with no answer");
  } finally {
    for (const conn of slow) await conn[Symbol.asyncDispose]();
  }
  await waitFor(() => front.plainConnections() === 0, "the slots to be freed");
  // a head that arrives in time is served, and kept alive past the timeout
  await using quick = await rawConnect(port);
  await quick.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  await waitFor(() => quick.text.includes('"status":"ok"'), "the answer");
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(quick.ended, false, "past its first head, no deadline");
  await using ws = connectClient(server.wsUrl, { clientType: "agent" });
  await ws.trpc.system.ping.query();
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.ok(await ws.trpc.system.ping.query(), "a WebSocket outlives it");
});

Deno.test("ConnectionFront caps plain connections per address with a raw 429, and a WebSocket frees its slot", async () => {
  await using server = await startTestServer({
    maxConnectionsPerIp: 2,
    headerTimeoutMs: 0,
  });
  const { front, port } = server.server;
  assert.ok(front !== null);
  await using a = await rawConnect(port);
  await using b = await rawConnect(port);
  await waitFor(() => front.plainConnections("127.0.0.1") === 2, "a and b");
  {
    await using refused = await rawConnect(port);
    await within(
      (async () => {
        while (!refused.ended) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })(),
      5000,
      "the refusal",
    );
    assert.match(refused.text, /^HTTP\/1\.1 429 Too Many Requests\r\n/);
    assert.match(
      refused.text,
      /Too many connections from 127\.0\.0\.1: one address may hold 2 at once that are not WebSockets \(MAX_CONNECTIONS_PER_IP\)/,
    );
  }
  assert.equal(front.plainConnections("127.0.0.1"), 2, "a refusal holds none");
  await a[Symbol.asyncDispose]();
  await waitFor(() => front.plainConnections() === 1, "a's slot to be freed");
  // WebSockets: each holds a plain slot only until its 101
  await b[Symbol.asyncDispose]();
  await waitFor(() => front.plainConnections() === 0, "b's slot to be freed");
  await using w1 = connectClient(server.wsUrl, { clientType: "agent" });
  await using w2 = connectClient(server.wsUrl, { clientType: "agent" });
  await using w3 = connectClient(server.wsUrl, { clientType: "agent" });
  for (const w of [w1, w2, w3]) await w.trpc.system.ping.query();
  assert.equal(front.plainConnections(), 0);
  assert.equal(
    server.server.guard.openSockets("127.0.0.1"),
    3,
    "the guard sees the real address",
  );
  const health = await fetch(`${server.httpUrl}/health`);
  assert.equal(health.status, 200);
  await health.body?.cancel();
});

/** A client's masked text frame (RFC 6455 5.3), payload under 126 bytes. */
function maskedText(text: string): Uint8Array {
  const payload = encoder.encode(text);
  const mask = [1, 2, 3, 4];
  const frame = new Uint8Array([0x81, 0x80 | payload.byteLength, ...mask]);
  const masked = payload.map((byte, i) => byte ^ mask[i % 4]!);
  const out = new Uint8Array(frame.byteLength + masked.byteLength);
  out.set(frame);
  out.set(masked, frame.byteLength);
  return out;
}

const upgradeHead = (port: number, extra = "") =>
  `GET /trpc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

Deno.test("ConnectionFront serves WebSocket upgrades on the client's own socket, and pipes the rest", async () => {
  await using server = await startTestServer({ maxConnectionsPerIp: 8 });
  const { front, port } = server.server;
  assert.ok(front !== null);
  await using a = connectClient(server.wsUrl, { clientType: "agent" });
  await using b = connectClient(server.wsUrl, { clientType: "ui" });
  for (const client of [a, b]) await client.trpc.system.ping.query();
  assert.equal(front.pipedConnections(), 0, "no WebSocket is piped");
  assert.equal(front.plainConnections(), 0, "nor counted as plain");
  assert.equal(server.server.guard.openSockets("127.0.0.1"), 2);
  // a keep-alive HTTP connection is piped to Deno.serve
  await using plain = await rawConnect(port);
  await plain.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  await waitFor(() => plain.text.includes('"status":"ok"'), "the answer");
  assert.equal(front.pipedConnections(), 1);
  assert.equal(front.plainConnections("127.0.0.1"), 1);
  // a frame sent in the same write as the head is not lost
  await using early = await rawConnect(port);
  const call = '{"id":7,"method":"query","params":{"path":"system.ping"}}';
  const head = encoder.encode(upgradeHead(port));
  const frame = maskedText(call);
  const both = new Uint8Array(head.byteLength + frame.byteLength);
  both.set(head);
  both.set(frame, head.byteLength);
  await early.conn.write(both);
  await waitFor(() => early.text.includes('"id":7'), "the call's answer");
  assert.match(early.text, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
  assert.match(early.text, /"result"/);
  assert.equal(front.pipedConnections(), 1, "the upgrade was not piped");
});

Deno.test("ConnectionFront answers an upgrade the handler refuses as HTTP/1.1, then closes", async () => {
  await using server = await startTestServer({ maxConnectionsPerIp: 8 });
  const { front, port } = server.server;
  assert.ok(front !== null);
  await using refused = await rawConnect(port);
  await refused.send(upgradeHead(port, "Origin: http://evil.example\r\n"));
  await waitFor(() => refused.ended, "the connection to be closed");
  const [top, body] = refused.text.split("\r\n\r\n");
  assert.match(top!, /^HTTP\/1\.1 403 Forbidden\r\n/);
  assert.match(top!, /\r\ncontent-type: application\/json/);
  assert.match(top!, /\r\nconnection: close(\r\n|$)/);
  assert.match(body!, /evil\.example/);
  assert.equal(
    Number(/content-length: (\d+)/.exec(top!)?.[1]),
    encoder.encode(body!).byteLength,
  );
  await using malformed = await rawConnect(port);
  await malformed.send(
    `GET /trpc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n\r\n`,
  );
  await waitFor(() => malformed.ended, "the malformed one to be closed");
  assert.match(malformed.text, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(malformed.text, /Malformed WebSocket upgrade request/);
  await waitFor(() => front.plainConnections() === 0, "their slots freed");
  assert.equal(front.pipedConnections(), 0);
  assert.equal(server.server.guard.openSockets("127.0.0.1"), 0);
});

Deno.test("startServer() refuses a WS_PORT another process holds with a ConfigError, with the front and without", async () => {
  using held = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = held.addr;
  for (const front of [true, false]) {
    const limits = front ? {} : { headerTimeoutMs: 0, maxConnectionsPerIp: 0 };
    await assert.rejects(
      () => startTestServer({ port, ...limits }),
      (error: Error) => {
        assert.equal(error.name, "ConfigError");
        assert.match(
          error.message,
          new RegExp(
            `^WS_PORT=${port} on WS_HOST=127\\.0\\.0\\.1 is already in use`,
          ),
        );
        return true;
      },
      front ? "behind the front" : "Deno.serve alone",
    );
  }
});

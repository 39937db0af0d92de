import assert from "node:assert/strict";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import { ConfigError } from "../src/server/config.ts";
import { originAllowed, readAllowedOrigins } from "../src/server/_origins.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import { rawUpgrade } from "./_raw_http.ts";

Deno.test("readAllowedOrigins() reads unset, *, and lists of origins", () => {
  assert.equal(readAllowedOrigins(undefined), null);
  assert.equal(readAllowedOrigins(""), null);
  assert.equal(readAllowedOrigins(" , "), null);
  assert.equal(readAllowedOrigins("*"), "*");
  assert.equal(readAllowedOrigins("https://a.example, *"), "*");
  assert.deepEqual(
    readAllowedOrigins(
      "https://UI.Example.com/, http://a.example:8080,https://b.example:443,https://ui.example.com",
    ),
    ["https://ui.example.com", "http://a.example:8080", "https://b.example"],
  );
});

Deno.test("readAllowedOrigins() refuses what is not an http(s) origin, naming the setting and the entry", () => {
  for (
    const entry of [
      "ui.example.com",
      "ftp://ui.example.com",
      "https://ui.example.com/app",
      "https://ui.example.com/?x=1",
      "https://ui.example.com#top",
      "https://user@ui.example.com",
      "null",
      "http://",
    ]
  ) {
    assert.throws(
      () => readAllowedOrigins(`https://ok.example,${entry}`),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes("ALLOWED_ORIGINS") &&
        error.message.includes(JSON.stringify(entry)),
      entry,
    );
  }
});

Deno.test("originAllowed() allows no Origin, the server's own and loopback by default, and exactly the listed ones when listed", () => {
  const host = "game.example:8000";
  const cases: [string | null, "*" | string[] | null, boolean][] = [
    [null, null, true], // not a browser
    [null, ["https://ui.example"], true],
    ["http://game.example:8000", null, true], // the server's own
    ["https://game.example:8000", ["https://ui.example"], false], // a list is exact: Host is not trusted (DNS rebinding)
    ["https://game.example:8000", ["https://game.example:8000"], true],
    ["http://game.example", null, false], // another port
    ["http://localhost:5173", null, true],
    ["https://localhost", null, true],
    ["http://127.0.0.1:3000", null, true],
    ["http://[::1]:3000", null, true],
    ["http://127.0.0.2:3000", null, false],
    ["http://localhost.evil.example", null, false],
    ["https://evil.example", null, false],
    ["null", null, false],
    ["not a url", null, false],
    ["https://ui.example", ["https://ui.example"], true],
    ["https://ui.example:443", ["https://ui.example"], true],
    ["http://ui.example", ["https://ui.example"], false],
    ["http://localhost:5173", ["https://ui.example"], false],
    ["https://evil.example", "*", true],
    ["null", "*", true],
  ];
  for (const [origin, allowed, expected] of cases) {
    assert.equal(
      originAllowed(origin, { allowed, host }),
      expected,
      `${origin} with ${JSON.stringify(allowed)}`,
    );
  }
  // a server reached on its default port, with no port in Host
  assert.ok(
    originAllowed("https://game.example", {
      allowed: null,
      host: "game.example",
    }),
  );
  assert.equal(
    originAllowed("https://game.example", { allowed: null, host: null }),
    false,
  );
});

Deno.test("createHttpHandler() refuses a WebSocket upgrade from a foreign Origin with 403 and a sentence naming it and ALLOWED_ORIGINS", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  {
    await using refused = await rawUpgrade(port, {
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(refused.status, 403);
    assert.match(refused.headers.get("content-type") ?? "", /json/);
    const { error } = JSON.parse(refused.body);
    assert.match(error, /https:\/\/evil\.example/);
    assert.match(error, /ALLOWED_ORIGINS/);
  }
  for (
    const headers of [
      {},
      { Origin: "http://localhost:5173" },
      { Origin: `http://127.0.0.1:${port}` },
    ]
  ) {
    await using upgraded = await rawUpgrade(port, { headers });
    assert.equal(upgraded.status, 101, JSON.stringify(headers));
  }
  // Deno's WebSocket can send an Origin too: the socket is not opened
  const ws = new WebSocket(server.wsUrl, {
    headers: { origin: "https://evil.example" },
  });
  const failed = await within(
    new Promise<string>((resolve) => {
      ws.onopen = () => resolve("opened");
      ws.onerror = (event) => resolve((event as ErrorEvent).message);
    }),
    5000,
    "the refused socket",
  );
  assert.match(failed, /403/);
  // clients without an Origin (agents, scripts) are served
  await using client = connectClient(server.wsUrl, { clientType: "agent" });
  assert.ok(await client.trpc.system.ping.query());
});

Deno.test("createHttpHandler() refuses an HTTP tRPC call from a foreign Origin with FORBIDDEN in tRPC's shape", async () => {
  await using server = await startTestServer();
  const url = `${server.httpUrl}/trpc`;
  const client = (origin?: string) =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({
        url,
        transformer: superjson,
        headers: origin === undefined ? {} : { origin },
      })],
    });
  const error = await client("https://evil.example").system.ping.query()
    .then(() => null, (error: unknown) => error);
  assert.ok(error instanceof TRPCClientError, String(error));
  assert.equal(error.data?.code, "FORBIDDEN");
  assert.equal(error.data?.httpStatus, 403);
  assert.match(error.message, /https:\/\/evil\.example.*ALLOWED_ORIGINS/);
  assert.ok(await client().system.ping.query());
  assert.ok(await client("http://localhost:3000").system.ping.query());
  // /health is not a tRPC call and answers anyone
  const health = await fetch(`${server.httpUrl}/health`, {
    headers: { origin: "https://evil.example" },
  });
  assert.equal(health.status, 200);
  await health.body?.cancel();
});

Deno.test("createHttpHandler() with ALLOWED_ORIGINS allows exactly those origins (not loopback, not the Host); * allows any", async () => {
  {
    await using server = await startTestServer({
      allowedOrigins: ["https://ui.example"],
    });
    const { port } = server.server;
    const statuses = [];
    for (
      const origin of [
        "https://ui.example",
        "http://localhost:5173",
        `http://127.0.0.1:${port}`,
      ]
    ) {
      await using answer = await rawUpgrade(port, { headers: { origin } });
      statuses.push(answer.status);
    }
    assert.deepEqual(statuses, [101, 403, 403]);
  }
  {
    await using server = await startTestServer({ allowedOrigins: "*" });
    await using answer = await rawUpgrade(server.server.port, {
      headers: { origin: "https://evil.example" },
    });
    assert.equal(answer.status, 101);
  }
});

/**
 * upgradeTRPCWebSocket() with the official client and raw frames: queries,
 * mutations and errors in tRPC's shape, batched calls, PING/PONG and the
 * server's keep-alive pings. Subscriptions are in
 * `ws_adapter_subscriptions_test.ts`, createContext and connectionParams
 * in `ws_adapter_context_test.ts`, bad frames in `ws_adapter_frames_test.ts`.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { RawSocket, within } from "./_helpers.ts";
import { serveTestRouter } from "./_test_router.ts";
import { call, client } from "./_ws_adapter_helpers.ts";

Deno.test("upgradeTRPCWebSocket() serves queries and mutations to the official client, Dates intact", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const at = new Date("2026-01-30T12:00:00Z");
  const echoed = await c.trpc.echo.query({ text: "bonjour", at });
  assert.equal(echoed.text, "bonjour");
  assert.ok(echoed.at instanceof Date);
  assert.equal(echoed.at.getTime(), at.getTime());
  assert.equal(await c.trpc.add.mutate({ a: 2, b: 3 }), 5);
});

Deno.test("upgradeTRPCWebSocket() answers errors in tRPC's shape with the right code", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const error = await c.trpc.fail.query().catch((e) => e);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.message, "nope: this is forbidden");
  assert.equal(error.data?.code, "FORBIDDEN");
  assert.equal(error.data?.httpStatus, 403);
  const bad = await c.trpc.add.mutate({ a: 1, b: "2" as unknown as number })
    .catch((e) => e);
  assert.equal(bad.data?.code, "BAD_REQUEST");
});

Deno.test("upgradeTRPCWebSocket() answers every call of a batched array", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send([
    call(1, "mutation", "add", { a: 1, b: 1 }),
    call("two", "query", "echo", { text: "x" }),
  ]);
  const replies = [await raw.nextJson(), await raw.nextJson()];
  const byId = new Map(replies.map((reply) => [reply.id, reply]));
  assert.deepEqual(
    superjson.deserialize((byId.get(1)?.result as { data: never }).data),
    2,
  );
  assert.equal(
    (superjson.deserialize(
      (byId.get("two")?.result as { data: never }).data,
    ) as { text: string }).text,
    "x",
  );
});

Deno.test("upgradeTRPCWebSocket() answers PING with PONG", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send("PING");
  assert.equal(await raw.next(), "PONG");
});

Deno.test("upgradeTRPCWebSocket() pings quiet clients and closes those that never answer", async () => {
  await using server = serveTestRouter({
    keepAlive: { enabled: true, pingMs: 50, pongWaitMs: 100 },
  });
  await using answering = await RawSocket.open(server.url);
  await using silent = await RawSocket.open(server.url);
  for (let i = 0; i < 3; i++) {
    assert.equal(await answering.next(), "PING");
    answering.send("PONG");
  }
  assert.equal(answering.ws.readyState, WebSocket.OPEN);
  assert.equal(await silent.next(), "PING");
  assert.equal((await within(silent.closed, 5000, "close")).code, 4005);
});

Deno.test("upgradeTRPCWebSocket() keeps the official client alive with server pings", async () => {
  await using server = serveTestRouter({
    keepAlive: { enabled: true, pingMs: 30, pongWaitMs: 200 },
  });
  await using c = client(server.url);
  await c.trpc.add.mutate({ a: 1, b: 1 });
  await new Promise((resolve) => setTimeout(resolve, 400)); // several ping rounds
  assert.equal(await c.trpc.add.mutate({ a: 2, b: 2 }), 4);
  assert.equal(server.contexts.length, 1, "the same socket served both calls");
});

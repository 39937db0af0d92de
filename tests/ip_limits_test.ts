import assert from "node:assert/strict";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import { AccessGuard } from "../src/server/access_guard.ts";
import { ConnectionCounter, KeyedRateLimit } from "../src/server/_ip_limits.ts";
import {
  connectClient,
  RawSocket,
  startTestServer,
  waitFor,
} from "./_helpers.ts";
import { rawUpgrade } from "./_raw_http.ts";

Deno.test("ConnectionCounter.acquire() counts per key up to the limit and each release frees one slot once", () => {
  const counter = new ConnectionCounter(2);
  const a1 = counter.acquire("a");
  const a2 = counter.acquire("a");
  assert.ok(a1 && a2);
  assert.equal(counter.acquire("a"), null, "a third from a is over 2");
  const b = counter.acquire("b");
  assert.ok(b, "another key has its own slots");
  assert.deepEqual([counter.count("a"), counter.count(), counter.keys], [
    2,
    3,
    2,
  ]);
  a1();
  a1(); // a second call frees nothing more
  assert.equal(counter.count("a"), 1);
  assert.ok(counter.acquire("a"), "a freed slot can be taken again");
  a2();
  b();
  assert.equal(counter.count("b"), 0);
  assert.equal(counter.keys, 1, "a key without connections is forgotten");
  const unlimited = new ConnectionCounter(0);
  for (let i = 0; i < 1000; i++) assert.ok(unlimited.acquire("x"));
  assert.equal(unlimited.count("x"), 1000);
});

Deno.test("KeyedRateLimit.take() keeps a bucket per key and drops the idle ones", () => {
  let now = 0;
  const limit = new KeyedRateLimit({ perSecond: 10, burst: 2 }, {
    now: () => now,
  });
  assert.deepEqual([limit.take("a"), limit.take("a"), limit.take("a")], [
    0,
    0,
    100,
  ]);
  assert.equal(limit.take("b"), 0, "another key has its own bucket");
  assert.equal(limit.keys, 2);
  now += 200; // both buckets are full again: the same as new ones
  assert.equal(limit.take("c"), 0);
  assert.equal(limit.keys, 1, "idle buckets were dropped");
  // however many keys come at once, at most maxKeys buckets are kept
  const bounded = new KeyedRateLimit({ perSecond: 1, burst: 1 }, {
    now: () => now,
    maxKeys: 100,
  });
  for (let i = 0; i < 10_000; i++) bounded.take(`10.0.${i >> 8}.${i & 255}`);
  assert.equal(bounded.keys, 100);
});

Deno.test("AccessGuard.takeHttp() answers 429 with the limit, the settings and the wait", () => {
  let now = 0;
  const guard = new AccessGuard({
    httpRateLimitPerSecond: 2,
    httpRateBurst: 1,
    now: () => now,
  });
  assert.equal(guard.takeHttp("10.0.0.1"), null);
  const refusal = guard.takeHttp("10.0.0.1");
  assert.equal(refusal?.status, 429);
  assert.equal(refusal?.retryAfterMs, 500);
  assert.match(
    refusal?.message ?? "",
    /2 HTTP requests per second .* 1 at once \(HTTP_RATE_LIMIT, HTTP_RATE_BURST\); retry in 500 ms/,
  );
  assert.equal(guard.takeHttp("10.0.0.2"), null, "per address");
  now += 500;
  assert.equal(guard.takeHttp("10.0.0.1"), null);
  const off = new AccessGuard({ httpRateLimitPerSecond: 0 });
  for (let i = 0; i < 1000; i++) assert.equal(off.takeHttp("a"), null);
  assert.equal(off.tracked.http, 0);
});

Deno.test("createHttpHandler() refuses a WebSocket over WS_MAX_CONNECTIONS_PER_IP with 429 and frees the slot on close", async () => {
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 2 });
  const { guard, port } = server.server;
  await using a = connectClient(server.wsUrl, { clientType: "agent" });
  const b = connectClient(server.wsUrl, { clientType: "agent" });
  try {
    await Promise.all([
      a.trpc.system.ping.query(),
      b.trpc.system.ping.query(),
    ]);
    assert.equal(guard.openSockets("127.0.0.1"), 2);
    {
      await using refused = await rawUpgrade(port);
      assert.equal(refused.status, 429);
      const { error } = JSON.parse(refused.body);
      assert.match(
        error,
        /127\.0\.0\.1.* 2 at once \(WS_MAX_CONNECTIONS_PER_IP\)/,
      );
    }
    assert.equal(guard.openSockets("127.0.0.1"), 2, "a refusal holds no slot");
  } finally {
    await b.ws.close();
  }
  await waitFor(() => guard.openSockets() === 1, "b's slot to be freed");
  await using c = connectClient(server.wsUrl, { clientType: "agent" });
  assert.ok(await c.trpc.system.ping.query(), "the freed slot is usable");
});

Deno.test("createHttpHandler() frees the slot of every kind of closed socket: the count returns to zero", async () => {
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 3 });
  const { guard, port } = server.server;
  {
    // the official client, closed by the client
    await using client = connectClient(server.wsUrl, { clientType: "ui" });
    await client.trpc.system.ping.query();
  }
  {
    // refused by the context (4004): the server closes it
    await using raw = await RawSocket.open(
      `${server.wsUrl}?client_type=robot`,
    );
    assert.equal((await raw.closed).code, 4004);
  }
  {
    // upgraded, then the TCP connection dropped without a close frame
    await using upgraded = await rawUpgrade(port);
    assert.equal(upgraded.status, 101);
  }
  {
    // an upgrade without the WebSocket headers: a 400 that says so
    const answer = await fetch(`${server.httpUrl}/trpc`, {
      headers: { upgrade: "websocket" },
    });
    assert.equal(answer.status, 400);
    assert.match((await answer.json()).error, /Malformed WebSocket upgrade/);
  }
  await waitFor(() => guard.openSockets() === 0, "every slot to be freed");
  assert.deepEqual(guard.tracked.sockets, 0);
  // and all three slots can be taken again
  await using x = connectClient(server.wsUrl, { clientType: "agent" });
  await using y = connectClient(server.wsUrl, { clientType: "agent" });
  await using z = connectClient(server.wsUrl, { clientType: "agent" });
  await Promise.all([x, y, z].map((c) => c.trpc.system.ping.query()));
  assert.equal(guard.openSockets("127.0.0.1"), 3);
});

Deno.test("createHttpHandler() rate-limits HTTP /trpc per address with 429, retry-after and TOO_MANY_REQUESTS", async () => {
  await using server = await startTestServer({
    httpRateLimitPerSecond: 1,
    httpRateBurst: 2,
  });
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({
      url: `${server.httpUrl}/trpc`,
      transformer: superjson,
    })],
  });
  // one token a second: within 20 back-to-back calls one is refused
  let refused: unknown = null;
  for (let i = 0; i < 20 && refused === null; i++) {
    refused = await client.system.ping.query().then(
      () => null,
      (error: unknown) => error,
    );
  }
  assert.ok(refused instanceof TRPCClientError, String(refused));
  assert.equal(refused.data?.code, "TOO_MANY_REQUESTS");
  assert.equal(refused.data?.httpStatus, 429);
  assert.match(
    refused.message,
    /1 HTTP requests per second .* 2 at once \(HTTP_RATE_LIMIT, HTTP_RATE_BURST\); retry in \d+ ms/,
  );
  // the raw answer: status, retry-after in seconds, one error per batched call
  let raw: Response | null = null;
  for (let i = 0; i < 20; i++) {
    raw = await fetch(
      `${server.httpUrl}/trpc/system.ping,system.health?batch=1&input={}`,
    );
    if (raw.status === 429) break;
    await raw.body?.cancel();
  }
  assert.equal(raw?.status, 429);
  assert.match(raw?.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
  const body = await raw?.json();
  assert.equal(body.length, 2);
  assert.equal(body[1].error.json.data.code, "TOO_MANY_REQUESTS");
  // the WebSocket is not counted, and /health is not limited
  await using ws = connectClient(server.wsUrl, { clientType: "agent" });
  assert.ok(await ws.trpc.system.ping.query());
  const health = await fetch(`${server.httpUrl}/health`);
  assert.equal(health.status, 200);
  await health.body?.cancel();
  assert.ok(server.server.guard.tracked.http <= 1);
});

/**
 * The benchmark's wire scenarios keep working (no timings asserted): rpc,
 * fanout and idle against our adapter, the lean connect client, presence on
 * the full server, and spectators across load processes.
 * @module
 */
import assert from "node:assert/strict";
import { type AnyRouter, initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { createBenchRouter } from "../bench/bench_router.js";
import { runFanout } from "../bench/fanout.ts";
import { runIdle } from "../bench/idle.ts";
import { runConnect } from "../bench/connect.ts";
import { runPresence } from "../bench/presence.ts";
import { runRpc } from "../bench/rpc.ts";
import { runSpectators } from "../bench/spectators.ts";
import { upgradeTRPCWebSocket } from "../src/server/mod.ts";
import { startTestServer } from "./_helpers.ts";

// The benchmark asserts no timings; these tests only keep its scenarios
// working: every call answered, every event delivered once and in order.

function benchServer() {
  const router: AnyRouter = createBenchRouter({
    initTRPC,
    tracked,
    z,
    superjson,
  });
  const options = { router };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => upgradeTRPCWebSocket(req, options),
  );
  return {
    url: `ws://127.0.0.1:${server.addr.port}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

Deno.test("bench scenarios run against our adapter and lose nothing", async () => {
  await using server = benchServer();
  const rpc = await runRpc(server.url, {
    connections: 4,
    inflight: 2,
    seconds: 0.3,
    warmup: 0.1,
    pid: Deno.pid,
  });
  assert.equal(rpc.errors, 0);
  assert.ok(rpc.calls > 0);
  for (const intervalMs of [0, 5]) {
    const fanout = await runFanout(server.url, {
      subscribers: 20,
      events: 10,
      intervalMs,
      timeoutMs: 10_000,
    });
    assert.equal(fanout.deliveries, 200);
    assert.equal(fanout.missing, 0);
    assert.equal(fanout.out_of_order, 0);
  }
  const idle = await runIdle(server.url, {
    connections: 20,
    pid: Deno.pid,
    settleMs: 10,
  });
  assert.equal(idle.connections, 20);
});

Deno.test("bench connect scenario: the lean client connects with connectionParams, is answered and closes, every time", async () => {
  let contexts = 0;
  const router: AnyRouter = createBenchRouter({
    initTRPC,
    tracked,
    z,
    superjson,
  });
  const options = {
    router,
    createContext: (
      { connectionParams }: {
        connectionParams: Record<string, unknown> | null;
      },
    ) => {
      contexts++;
      return { token: connectionParams?.token ?? null };
    },
  };
  const http = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => upgradeTRPCWebSocket(req, options),
  );
  try {
    const result = await runConnect(`ws://127.0.0.1:${http.addr.port}`, {
      connections: 12,
      warmup: 3,
      pid: Deno.pid,
    });
    assert.equal(result.connections, 12);
    assert.equal(result.errors, 0);
    assert.equal(contexts, 15); // one context per connection, warm-up included
  } finally {
    await http.shutdown();
  }
});

Deno.test("bench presence scenario runs against the full server: every client welcomed, presence only where taken", async () => {
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 0 });
  for (const clientType of ["ui", "agent"] as const) {
    const result = await runPresence(server.wsUrl, {
      connections: 20,
      churn: 5,
      clientType,
      batch: 5,
      pid: Deno.pid,
      timeoutMs: 20_000,
    });
    assert.equal(result.connected, 20);
    assert.equal(result.churned, 5);
    assert.equal(result.closed_by_server, 0);
    if (clientType === "ui") {
      assert.ok(result.presence_entries_per_subscriber > 0);
    } else {
      assert.equal(result.presence_msgs_per_subscriber, 0);
      assert.equal(result.churn_msgs_per_subscriber, 0);
    }
    await waitForEmpty(server.server.hub);
  }
});

async function waitForEmpty(hub: { size: number }): Promise<void> {
  for (let i = 0; i < 500 && hub.size > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(hub.size, 0);
}

Deno.test("bench spectators scenario: every viewer in every load process gets every event of the game, in order", async () => {
  const adminToken = "bench-spectators";
  await using server = await startTestServer({
    adminToken,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  const result = await runSpectators({
    url: server.wsUrl,
    adminToken,
    pid: Deno.pid,
    viewers: 12,
    processes: 2,
    thinkMs: 0,
    seed: 3,
    maxSeconds: 60,
  });
  assert.equal(result.viewers, 12);
  assert.equal(result.finished, 12);
  assert.equal(result.closed_by_server, 0);
  assert.equal(result.out_of_order, 0);
  const events = Number(result.events);
  assert.ok(events > 10, `${events} events`);
  assert.equal(result.deliveries, events * 12, "every event to every viewer");
});

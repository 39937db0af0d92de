import assert from "node:assert/strict";
import { type AnyRouter, initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { createBenchRouter } from "../bench/bench_router.js";
import { runFanout } from "../bench/fanout.ts";
import { runIdle } from "../bench/idle.ts";
import { runRpc } from "../bench/rpc.ts";
import { meanOf, table } from "../bench/_report.ts";
import { upgradeTRPCWebSocket } from "../src/transport/mod.ts";

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

Deno.test("bench table() gives ratios and says whether each target holds", () => {
  const results = {
    rpc: {
      ours: [{ calls_per_s: 300 }, { calls_per_s: 100 }],
      peer: [{ calls_per_s: 80 }],
      raw: [{ calls_per_s: 400 }],
    },
  };
  assert.deepEqual(meanOf(results.rpc.ours, "calls_per_s"), {
    mean: 200,
    spread: 1,
  });
  const text = table(results, [{
    scenario: "rpc",
    field: "calls_per_s",
    label: "calls/s",
    better: "higher",
    peerTarget: 2.5,
    rawTarget: 0.6,
  }]);
  assert.match(
    text,
    /\| 200\.0 ±50% \| 80\.0 \| 400\.0 \| 2\.50× \| 0\.50× \|/,
  );
  assert.match(text, /\*\*missed\*\*/, "0.5× raw misses the 0.6× target");
});

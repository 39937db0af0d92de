import assert from "node:assert/strict";
import { type AnyRouter, initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { createBenchRouter } from "../bench/bench_router.js";
import { checkSameGames } from "../bench/_arena_run.ts";
import { ARENA_FIGURES } from "../bench/_plan.ts";
import { runArena } from "../bench/arena.ts";
import { runFanout } from "../bench/fanout.ts";
import { runIdle } from "../bench/idle.ts";
import { runConnect } from "../bench/connect.ts";
import { runPresence } from "../bench/presence.ts";
import { runRpc } from "../bench/rpc.ts";
import { runTournamentBench } from "../bench/tournament.ts";
import { runSpectators } from "../bench/spectators.ts";
import { meanOf, pairTable, table } from "../bench/_report.ts";
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

Deno.test("bench pairTable() compares ours with the baseline ref (ours / base) and the front (front / ours)", () => {
  const results = {
    presence: {
      ours: [{ connects_per_s: 300 }],
      base: [{ connects_per_s: 20 }, { connects_per_s: 10 }],
    },
  };
  const figure = {
    scenario: "presence",
    field: "connects_per_s",
    label: "connections accepted/s",
    better: "higher",
  } as const;
  const text = pairTable(results, [figure], { other: "base", ref: "abc123" });
  assert.match(text, /baseline \(abc123\)/);
  assert.match(text, /\| 300\.0 \| 15\.0 ±33% \| 20\.00× \|/);
  const fronted = pairTable(
    {
      rpc: { ours: [{ cpu: 10 }], front: [{ cpu: 21 }] },
    },
    [{ ...figure, scenario: "rpc", field: "cpu" }],
    { other: "front" },
  );
  assert.match(fronted, /ours \+ front \| front \/ ours/);
  assert.match(fronted, /\| 2\.10× \|/);
});

Deno.test("bench arena scenario: compact and full prompts play the same game (same facts digest), every turn the script's answer, and pairTable() says whether ours / full meets its target", async () => {
  await using server = await startTestServer({ adminToken: "bench-admin" });
  const run = (record: "compact" | "full") =>
    runArena({
      url: server.wsUrl,
      adminToken: "bench-admin",
      games: 1,
      record,
      seed: 1, // a 4-day game (seed 3's ends on night 1: nothing to digest)
      maxSeconds: 120,
    });
  const compact = await run("compact");
  const full = await run("full");
  assert.equal(compact.record, "compact");
  assert.equal(full.record, "full");
  for (const result of [compact, full]) {
    assert.equal(result.scenario, "arena");
    assert.equal(result.games, 1);
    assert.equal(result.defaulted_turns, 0);
    assert.ok(result.requests_per_game > 0);
    assert.equal(result.days_per_game, 4);
    assert.ok(result.speeches_per_game > 0);
    assert.ok(result.max_prompt_tokens >= result.tokens_per_prompt);
    assert.match(result.facts, /^[0-9a-f]{16}$/);
  }
  assert.equal(compact.facts, full.facts, "the two runs played one game");
  assert.equal(compact.requests_per_game, full.requests_per_game);
  assert.ok(compact.prompt_tokens_per_game < full.prompt_tokens_per_game);
  const results = { arena: { ours: [compact], full: [full] } };
  checkSameGames(results);
  assert.throws(
    () =>
      checkSameGames({
        arena: { ours: [compact], full: [{ ...full, facts: "0".repeat(16) }] },
      }),
    /played different games/,
  );
  const text = pairTable(results, ARENA_FIGURES, { other: "full" });
  assert.match(
    text,
    /\| ours \(compact\) \| full log \| ours \/ full \| target \| \|/,
  );
  assert.match(
    text,
    /^\| arena \| prompt tokens per game \| [\d,]+ \| [\d,]+ \| 0\.\d\d× \| ≤ 0\.5× \| (met|\*\*missed\*\*) \|$/m,
  );
});

Deno.test("bench tournament scenario: the runner and the direct side each play every game of the same schedule", async () => {
  const adminToken = "bench-tourney";
  await using server = await startTestServer({
    adminToken,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  for (const mode of ["runner", "direct"] as const) {
    const result = await runTournamentBench({
      url: server.wsUrl,
      adminToken,
      mode,
      games: 4,
      concurrency: 2,
    });
    assert.deepEqual([result.mode, result.games, result.concurrency], [
      mode,
      4,
      2,
    ]);
    assert.equal(result.server_cpu_ms_per_game, null);
  }
  const ended = await server.server.games.list({ status: "ended" });
  assert.equal(ended.length, 8);
});

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

Deno.test("deno task bench refuses an unknown flag or scenario with its usage (exit 2) and --help prints it", async () => {
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "bench/main.ts", ...args],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  for (const args of [["--nope"], ["--only", "rpc,nope"]]) {
    const output = await run(args);
    assert.equal(output.code, 2, args.join(" "));
    assert.match(decode(output.stderr), /usage: deno task bench .*--only rpc,/);
  }
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(decode(help.stdout), /^usage: deno task bench/);
});

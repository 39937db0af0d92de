/**
 * The "cluster" benchmark scenario: whole 8-player games of scripted bots
 * on one instance with SQLite, one instance on Redis, and three instances
 * on one Redis (game k created on instance k mod 3, its bot i connected to
 * instance (k + i) mod 3, so most seats are forwarded to the owner). For
 * each: games per second, the `game.*` mutations' p50/p99, each instance's
 * CPU per game, Redis's CPU and commands per game. Prints one JSON line per
 * setup on stdout (the last: all of them); progress on stderr.
 *
 * ```sh
 * deno task bench --only cluster          # or:
 * deno run -A bench/cluster.ts [--games 24] [--concurrency 8]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import { runBot } from "../examples/bot_agent.ts";
import { round, Samples } from "./_load.ts";
import { cpuMs } from "./_proc.ts";
import {
  type Proc,
  redisCommands,
  startInstance,
  startRedisServer,
} from "./_cluster_procs.ts";

const TOKEN = "bench-admin";

/** One setup's figures. */
export interface ClusterResult {
  setup: "sqlite-1" | "redis-1" | "redis-3";
  instances: number;
  games: number;
  seconds: number;
  games_per_s: number;
  mutations: number;
  mutation_errors: number;
  mutation_p50_ms: number;
  mutation_p99_ms: number;
  /** Each instance's CPU time per game played by the whole setup, ms. */
  instance_cpu_ms_per_game: number[];
  /** All the instances' CPU time per game, ms. */
  server_cpu_ms_per_game: number;
  /** redis-server's CPU time per game, ms (null on SQLite). */
  redis_cpu_ms_per_game: number | null;
  /** Commands Redis processed per game (null on SQLite). */
  redis_commands_per_game: number | null;
}

/** Plays `games` games on the setup, `concurrency` at once. */
async function runSetup(
  setup: ClusterResult["setup"],
  opts: { games: number; concurrency: number },
): Promise<ClusterResult> {
  const count = setup === "redis-3" ? 3 : 1;
  const redis = setup === "sqlite-1" ? null : await startRedisServer();
  const instances: Proc[] = [];
  try {
    for (let i = 0; i < count; i++) {
      instances.push(
        await startInstance({
          ADMIN_TOKEN: TOKEN,
          ...(redis === null
            ? {}
            : { REDIS_URL: redis.url, INSTANCE_ID: `b${i + 1}` }),
        }),
      );
    }
    const url = (i: number) =>
      `ws://127.0.0.1:${instances[i % count]!.port}/trpc`;
    const admins = instances.map((_, i) =>
      createWSClient({
        url: url(i),
        connectionParams: { clientType: "ui", token: TOKEN },
      })
    );
    const clients = admins.map((ws) =>
      createTRPCClient<AppRouter>({
        links: [wsLink({ client: ws, transformer: superjson })],
      })
    );
    const mutationMs = new Samples();
    let errors = 0;
    const onCallTimed = (path: string, ms: number, ok: boolean) => {
      if (!path.startsWith("game.")) return;
      mutationMs.push(ms);
      if (!ok) errors++;
    };
    const cpu0 = instances.map((p) => cpuMs(p.pid));
    const redisCpu0 = redis === null ? 0 : cpuMs(redis.pid);
    const commands0 = redis === null ? 0 : await redisCommands(redis.url);
    const started = performance.now();
    let next = 0;
    const playOne = async (k: number) => {
      const { gameId } = await clients[k % count]!.lobby.createGame.mutate({
        players: 8,
        seed: 1000 + k,
        actionTimeoutMs: 2000,
      });
      await Promise.all(Array.from({ length: 8 }, (_, i) =>
        runBot({
          url: url(k + i),
          gameId,
          name: `Bot${i + 1}`,
          seed: k * 31 + i,
          onCallTimed,
        })));
    };
    await Promise.all(
      Array.from(
        { length: Math.min(opts.concurrency, opts.games) },
        async () => {
          while (next < opts.games) await playOne(next++);
        },
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = instances.map((p, i) => cpuMs(p.pid) - cpu0[i]!);
    const commands = redis === null
      ? null
      : await redisCommands(redis.url) - commands0;
    const redisCpu = redis === null ? null : cpuMs(redis.pid) - redisCpu0;
    await Promise.all(admins.map((ws) => ws.close()));
    const summary = mutationMs.summary();
    const perGame = (ms: number) => round(ms / opts.games, 1);
    return {
      setup,
      instances: count,
      games: opts.games,
      seconds: round(seconds, 2),
      games_per_s: round(opts.games / seconds),
      mutations: mutationMs.count,
      mutation_errors: errors,
      mutation_p50_ms: summary.p50,
      mutation_p99_ms: summary.p99,
      instance_cpu_ms_per_game: cpu.map(perGame),
      server_cpu_ms_per_game: perGame(cpu.reduce((a, b) => a + b, 0)),
      redis_cpu_ms_per_game: redisCpu === null ? null : perGame(redisCpu),
      redis_commands_per_game: commands === null
        ? null
        : round(commands / opts.games),
    };
  } finally {
    for (const proc of instances) await proc.stop();
    await redis?.stop();
  }
}

/** Runs the three setups in turn; answers their figures. */
export async function runCluster(
  opts: { games: number; concurrency: number },
): Promise<ClusterResult[]> {
  const results: ClusterResult[] = [];
  for (const setup of ["sqlite-1", "redis-1", "redis-3"] as const) {
    const result = await runSetup(setup, opts);
    console.error(`cluster ${setup}: ${JSON.stringify(result)}`);
    results.push(result);
  }
  return results;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      games: { type: "string", default: "24" },
      concurrency: { type: "string", default: "8" },
    },
  });
  const results = await runCluster({
    games: Number(values.games),
    concurrency: Number(values.concurrency),
  });
  console.log(JSON.stringify(results));
}

/**
 * The "tournament" benchmark scenario: a bot tournament (`house` against
 * `random`, 8 players) on a running server, `--concurrency` games at once,
 * played either by the runner (`--mode runner`: `runTournament`, with the
 * server's `tournament.*`, each game's end written and the results scored
 * by the server) or directly (`--mode direct`: the same games, same seeds,
 * deals and seated bots, created with `lobby.createGame` and nothing else).
 * The difference per game is the runner's overhead. Prints one JSON line.
 *
 * ```sh
 * deno run -A bench/tournament.ts --url ws://127.0.0.1:8000/trpc --admin-token T \
 *   --mode runner --games 200 --concurrency 100 [--pid SERVER_PID]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import {
  parseConfig,
  runTournament,
  scheduleOf,
  type TournamentConfig,
  tournamentSpec,
} from "../tournament/mod.ts";
import { playSeats } from "../tournament/_play_game.ts";
import { cpuMs } from "./_proc.ts";

/** What one run measured. */
export interface TournamentBenchResult {
  scenario: "tournament";
  mode: "runner" | "direct";
  games: number;
  concurrency: number;
  seconds: number;
  games_per_s: number;
  /** Wall time per game at this concurrency: seconds × 1000 / games. */
  ms_per_game: number;
  /** The server's CPU time per game (null without a pid). */
  server_cpu_ms_per_game: number | null;
  /** This process's CPU time per game (the bots and the runner). */
  client_cpu_ms_per_game: number;
}

/** The benchmark's tournament: `games` of house against random, 8 seats. */
export function benchConfig(
  games: number,
  concurrency: number,
): TournamentConfig {
  const parsed = parseConfig({
    name: "bench",
    agents: [
      { name: "house", kind: "bot", strategy: "house" },
      { name: "random", kind: "bot", strategy: "random" },
    ],
    games,
    players: 8,
    actionTimeoutMs: 10_000,
    seed: 2026,
    schedule: "rotation",
    concurrency: { games: concurrency },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  // a fresh key each run: the same config would resume the last run's
  return { ...parsed.config, name: `bench ${crypto.randomUUID().slice(0, 8)}` };
}

/** Plays the config's games without the runner: create, seat, play. */
async function direct(
  config: TournamentConfig,
  url: string,
  adminToken: string,
): Promise<void> {
  const spec = await tournamentSpec(config);
  const schedule = scheduleOf(spec);
  const ws = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: adminToken },
  });
  const admin = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  try {
    let next = 0;
    const lane = async () => {
      while (next < schedule.length) {
        const game = schedule[next++]!;
        const { gameId } = await admin.lobby.createGame.mutate({
          ...spec.settings,
          seed: game.seed,
          deal: game.seats.map((seat) => seat.role),
        });
        await playSeats({ url, config, models: new Map() }, game, gameId);
      }
    };
    const lanes = Math.min(config.concurrency?.games ?? 1, schedule.length);
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await ws.close();
  }
}

/** Runs one mode and measures it. */
export async function runTournamentBench(options: {
  url: string;
  adminToken: string;
  mode: "runner" | "direct";
  games: number;
  concurrency: number;
  pid?: number;
}): Promise<TournamentBenchResult> {
  const config = benchConfig(options.games, options.concurrency);
  const server0 = options.pid === undefined ? 0 : cpuMs(options.pid);
  const client0 = cpuMs(Deno.pid);
  const t0 = performance.now();
  if (options.mode === "runner") {
    const { results } = await runTournament(config, {
      url: options.url,
      adminToken: options.adminToken,
    });
    if (results.counts.games !== options.games) {
      throw new Error(`${results.counts.games} games scored`);
    }
  } else {
    await direct(config, options.url, options.adminToken);
  }
  const seconds = (performance.now() - t0) / 1000;
  const per = (ms: number) => Math.round(ms / options.games * 100) / 100;
  return {
    scenario: "tournament",
    mode: options.mode,
    games: options.games,
    concurrency: options.concurrency,
    seconds: Math.round(seconds * 100) / 100,
    games_per_s: Math.round(options.games / seconds * 100) / 100,
    ms_per_game: per(seconds * 1000),
    server_cpu_ms_per_game: options.pid === undefined
      ? null
      : per(cpuMs(options.pid) - server0),
    client_cpu_ms_per_game: per(cpuMs(Deno.pid) - client0),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    strict: true,
    options: {
      url: { type: "string" },
      "admin-token": { type: "string" },
      mode: { type: "string", default: "runner" },
      games: { type: "string", default: "200" },
      concurrency: { type: "string", default: "100" },
      pid: { type: "string" },
    },
  });
  if (values.url === undefined || values["admin-token"] === undefined) {
    console.error(
      "usage: bench/tournament.ts --url URL --admin-token T [--mode runner|direct] [--games N] [--concurrency N] [--pid PID]",
    );
    Deno.exit(2);
  }
  const result = await runTournamentBench({
    url: values.url,
    adminToken: values["admin-token"],
    mode: values.mode === "direct" ? "direct" : "runner",
    games: Number(values.games),
    concurrency: Number(values.concurrency),
    ...(values.pid === undefined ? {} : { pid: Number(values.pid) }),
  });
  console.log(JSON.stringify(result));
}

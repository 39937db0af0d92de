/**
 * The figures of a games run (`GamesResult` without `samples`), made the
 * same way by one process (`games.ts`) and by the split over several
 * (`_games_split.ts`) from its latency samples and counts.
 * @module
 */
import type { GamesResult } from "./_games_types.ts";
import { round, type Samples } from "./_load.ts";
import { rssBytes } from "./_proc.ts";

/** What {@linkcode gamesFigures} makes the result of. */
export interface GamesMeasures {
  games: number;
  concurrency: number;
  /** From the first `createGame` to the last `game_over`. */
  seconds: number;
  /** The latencies (ms) of the bots' `game.*` calls, joins and whole games. */
  mutation: Samples;
  join: Samples;
  game: Samples;
  mutationErrors: number;
  timedOutActions: number;
  villageWins: number;
  /** The server's CPU time over the run (ms); null without its pid. */
  serverCpuMs: number | null;
  /** The load generators' CPU time over the run (ms). */
  clientCpuMs: number;
  /** The server's process id (its memory read now); undefined: none. */
  pid: number | undefined;
}

/** The result's figures of `m`, percentages of one core, rounded. */
export function gamesFigures(m: GamesMeasures): Omit<GamesResult, "samples"> {
  const mutations = m.mutation.summary();
  const joins = m.join.summary();
  const { seconds, serverCpuMs: serverCpu, clientCpuMs: clientCpu } = m;
  return {
    scenario: "games",
    games: m.games,
    concurrency: m.concurrency,
    seconds: round(seconds, 3),
    games_per_s: round(m.games / seconds),
    mutations: m.mutation.count,
    mutation_errors: m.mutationErrors,
    mutation_p50_ms: mutations.p50,
    mutation_p99_ms: mutations.p99,
    mutation_max_ms: mutations.max,
    joins: m.join.count,
    join_p50_ms: joins.p50,
    join_p99_ms: joins.p99,
    game_p50_ms: m.game.summary().p50,
    timed_out_actions: m.timedOutActions,
    village_wins: m.villageWins,
    server_cpu_ms: serverCpu,
    server_cpu_ms_per_game: serverCpu === null
      ? null
      : round(serverCpu / m.games),
    server_rss_mb: m.pid === undefined
      ? null
      : round(rssBytes(m.pid) / 2 ** 20, 1),
    server_cpu_pct: serverCpu === null
      ? null
      : round((serverCpu / (seconds * 1000)) * 100, 1),
    client_cpu_ms: clientCpu,
    client_cpu_pct: round((clientCpu / (seconds * 1000)) * 100, 1),
  };
}

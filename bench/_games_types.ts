/**
 * The settings and the result of the games scenario (`games.ts`), shared
 * with its split over several processes (`_games_split.ts`).
 * @module
 */

/** Settings of {@linkcode runGames}. */
export interface GamesOptions {
  /** The server's tRPC WebSocket URL. */
  url: string;
  /** The server's `ADMIN_TOKEN`, to create the games. */
  adminToken: string;
  /** Games to play in all, and how many at once. */
  games: number;
  concurrency: number;
  /** The server's process id, to read its CPU time and memory. */
  pid?: number;
  /** Seeds the games and the bots (default 1). */
  seed?: number;
  /** Each game's `actionTimeoutMs` (default 2000, as the demo's). */
  actionTimeoutMs?: number;
  /** The run fails after this many seconds (default 300). */
  maxSeconds?: number;
  /** Where progress lines go (default: nowhere). */
  progress?: (line: string) => void;
  /** The index of this run's first game (its seed and name; default 0). */
  firstIndex?: number;
  /**
   * The bots: `wire`, the lean wire-level bot (`_wire_bot.ts`, the
   * default), or `trpc`, `examples/bot_agent.ts` on the official client.
   */
  client?: "wire" | "trpc";
  /** Puts each game's outcome in the result (`outcomes`), by game index. */
  keepOutcomes?: boolean;
  /** Puts every latency sample in the result (`samples`), to merge runs. */
  keepSamples?: boolean;
}

/** The latency samples of a run (ms), with `keepSamples`. */
export interface GamesSamples {
  mutation: number[];
  join: number[];
  game: number[];
}

/**
 * What {@linkcode runGames} measured. `seconds` runs from the first
 * `createGame` to the last `game_over`; `mutations` are the bots' `game.*`
 * calls (say, vote, act), `joins` their `lobby.join`; `mutation_errors`
 * were refused or failed; `timed_out_actions` went to their default at the
 * deadline (want 0); the `server_*` fields are null without a `pid`;
 * `client_cpu_ms` is this process's, where every bot runs.
 */
export interface GamesResult {
  scenario: "games";
  games: number;
  concurrency: number;
  seconds: number;
  games_per_s: number;
  mutations: number;
  mutation_errors: number;
  mutation_p50_ms: number;
  mutation_p99_ms: number;
  mutation_max_ms: number;
  joins: number;
  join_p50_ms: number;
  join_p99_ms: number;
  game_p50_ms: number;
  timed_out_actions: number;
  village_wins: number;
  server_cpu_ms: number | null;
  server_cpu_ms_per_game: number | null;
  server_rss_mb: number | null;
  /** The server's busiest share of one core over the run (percent). */
  server_cpu_pct: number | null;
  client_cpu_ms: number;
  /** This process's CPU over the run, as a share of one core (percent). */
  client_cpu_pct: number;
  samples?: GamesSamples;
  /** The wire bots' reconnections after the server dropped a socket (trpc: 0, not counted). */
  reconnects?: number;
  /** Games the server refused at first for want of room (`MAX_GAMES_IN_PLAY`), created once it had some. */
  games_waited?: number;
  /** Each game's winner, seats' roles and event types, with `keepOutcomes`. */
  outcomes?: string[];
}

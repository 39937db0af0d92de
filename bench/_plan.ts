/**
 * What `deno task bench` runs: the scenarios, the sizes of each (the issue's
 * defaults, or small ones with `--quick`), and the figures of the report
 * with their targets.
 * @module
 */
import type { Figure } from "./_report.ts";

/** The scenarios, in the order they run. */
export const SCENARIOS = [
  "rpc",
  "fanout",
  "paced",
  "idle",
  "connect",
  "games",
  "games_500",
  "spectators",
  "presence",
  "presence_agents",
  "lobby",
  "arena",
  "tournament",
  "cluster",
] as const;
/** One scenario. */
export type Scenario = (typeof SCENARIOS)[number];
/**
 * One server under test; `front` is ours behind the ConnectionFront
 * (header timeout, plain connections per address), compared with ours;
 * `metered` is ours with the server's metrics observer (prom-client
 * counting every socket, call, delivery and byte), compared with ours;
 * `base` is our server at the baseline git ref (the presence scenarios,
 * and the games scenario with `--servers ours,base`); in the arena scenario
 * `ours` is LLM agents with compact prompts and `full` the same agents
 * sending the whole log in every prompt (Werewolf Arena's way); in the
 * tournament scenario `ours` is the runner and `direct` the same games
 * played without it; in the lobby scenario `ours` is the web page's lobby
 * and `spectator` the same page watching one game, each on a fresh server,
 * and `presence` the lobby with `hub.events`' default presence (an
 * observer's), also on the baseline ref's server with `--baseline`.
 */
export type Server =
  | "ours"
  | "front"
  | "metered"
  | "peer"
  | "raw"
  | "base"
  | "full"
  | "direct"
  | "spectator"
  | "presence";

/** Whether `scenario` plays whole games on the full server (`games.ts`). */
export function isGames(scenario: Scenario): boolean {
  return scenario === "games" || scenario === "games_500";
}

/** The scenarios with no peer and no raw server (our full server only). */
export const OURS_ONLY: readonly Scenario[] = [
  "games",
  "games_500",
  "spectators",
  "lobby",
  "arena",
  "tournament",
];

/** The scenarios that compare our full server with its baseline ref. */
export const BASELINE_SCENARIOS: readonly Scenario[] = [
  "presence",
  "presence_agents",
];

/**
 * The scenarios that also run our server at the baseline ref when
 * `--baseline` is given (the presence ones always do): the game store's,
 * the adapter's and the fan-out's cost against an earlier tree, side by
 * side in one run.
 */
export const ON_REQUEST_BASELINE: readonly Scenario[] = [
  "lobby",
  "games",
  "games_500",
  "rpc",
  "fanout",
  "idle",
  "connect",
  "spectators",
];

/** The rows of the baseline table (ours against `--baseline`). */
export const BASELINE_FIGURES: Figure[] = [
  ["connects_per_s", "connections accepted/s", "higher"],
  ["last_connects_per_s", "accepted/s, last 20%", "higher"],
  ["kb_per_connection", "memory per connection (KiB)", "lower"],
  ["server_cpu_ms_per_connect", "server CPU per connection (ms)", "lower"],
  ["presence_msgs_per_subscriber", "presence messages per subscriber", "lower"],
  [
    "presence_entries_per_subscriber",
    "presence entries per subscriber",
    "lower",
  ],
  ["churn_per_s", "churn: connect+close/s", "higher"],
  ["churn_msgs_per_subscriber", "churn: messages per subscriber", "lower"],
  ["closed_by_server", "subscribers closed by the server", "lower"],
].flatMap(([field, label, better]) =>
  BASELINE_SCENARIOS.map((scenario) => ({
    scenario,
    field: field as string,
    label: label as string,
    better: better as "higher" | "lower",
  }))
).sort((a, b) => a.scenario.localeCompare(b.scenario));

/** The rows of the arena table (compact prompts against the full log). */
/** The rows of the tournament table (the runner against the same games direct). */
export const TOURNAMENT_FIGURES: Figure[] = [
  ["games_per_s", "games/s", "higher"],
  ["ms_per_game", "wall ms per game", "lower"],
  ["server_cpu_ms_per_game", "server CPU per game (ms)", "lower"],
  ["client_cpu_ms_per_game", "runner + bots CPU per game (ms)", "lower"],
].map(([field, label, better]) => ({
  scenario: "tournament",
  field: field as string,
  label: label as string,
  better: better as "higher" | "lower",
}));

/**
 * The rows of the lobby table (the page's lobby against the page watching
 * one game), with the targets: within 2x of a spectator.
 */
export const LOBBY_FIGURES: Figure[] = [
  ["connects_per_s", "connections accepted/s", "higher", 0.5],
  ["last_connects_per_s", "accepted/s, last 20%", "higher", 0.5],
  ["kb_per_connection", "memory per connection (KiB)", "lower", 2],
  ["server_cpu_ms_per_connect", "server CPU per connection (ms)", "lower", 2],
  [
    "hold_cpu_ms_per_connection",
    "server CPU per connection, hold (ms)",
    "lower",
  ],
  ["frames_per_connection", "frames received per connection", "lower"],
  ["kb_received_per_connection", "KiB received per connection", "lower"],
  ["closed_by_server", "connections closed by the server", "lower"],
].map(([field, label, better, target]) => ({
  scenario: "lobby",
  field: field as string,
  label: label as string,
  better: better as "higher" | "lower",
  ...(target === undefined ? {} : { pairTarget: target as number }),
}));

export const ARENA_FIGURES: Figure[] = [
  {
    scenario: "arena",
    field: "prompt_tokens_per_game",
    label: "prompt tokens per game",
    better: "lower",
    pairTarget: 0.5,
  },
  {
    scenario: "arena",
    field: "tokens_per_prompt",
    label: "prompt tokens per request",
    better: "lower",
  },
  {
    scenario: "arena",
    field: "max_prompt_tokens",
    label: "largest prompt (tokens)",
    better: "lower",
  },
  {
    scenario: "arena",
    field: "requests_per_game",
    label: "model requests per game",
    better: "lower",
  },
  {
    scenario: "arena",
    field: "days_per_game",
    label: "days per game",
    better: "lower",
  },
];

/**
 * The spectators scenario's rows; main prints its CPU per delivery against
 * the fan-out scenario's when both ran.
 */
export const SPECTATOR_FIGURES: Figure[] = [
  ["deliveries_per_s", "deliveries/s", "higher"],
  ["p50_ms", "p50 delivery (ms)", "lower"],
  ["p99_ms", "p99 delivery (ms)", "lower"],
  ["event_p99_median_ms", "median of each event's p99 (ms)", "lower"],
  ["event_p99_max_ms", "worst event's p99 (ms)", "lower"],
  ["server_cpu_us_per_delivery", "server CPU per delivery (µs)", "lower"],
].map(([field, label, better]) => ({
  scenario: "spectators",
  field: field as string,
  label: label as string,
  better: better as "higher" | "lower",
}));

/**
 * The rows of a games scenario: throughput, the bots' `game.*` latency,
 * the server's CPU per game and share of its core against the load
 * generators' (summed, and the busiest process), and the server's memory
 * per concurrent game.
 */
function gamesFigures(scenario: "games" | "games_500"): Figure[] {
  return [
    ["games_per_s", "games/s (raw: engine alone)", "higher"],
    ["mutation_p50_ms", "game.* mutation p50 (ms)", "lower"],
    ["mutation_p99_ms", "game.* mutation p99 (ms)", "lower"],
    ["server_cpu_ms_per_game", "server CPU per game (ms)", "lower"],
    ["client_cpu_ms_per_game", "load generators' CPU per game (ms)", "lower"],
    ["server_cpu_pct", "server CPU (% of its core)", "higher"],
    ["client_cpu_pct", "load generators' CPU (% of one core, summed)", "lower"],
    ["client_cpu_pct_max", "busiest load process's CPU (% of a core)", "lower"],
    ["server_rss_kb_per_game", "server RSS per concurrent game (KiB)", "lower"],
    ["timed_out_actions", "actions defaulted at their deadline", "lower"],
    ["mutation_errors", "game.* mutations refused or failed", "lower"],
    ["reconnects", "bots' reconnections (wire bots)", "lower"],
  ].map(([field, label, better]) => ({
    scenario,
    field: field as string,
    label: scenario === "games" ? label as string : label!.replace(
      " (raw: engine alone)",
      "",
    ),
    better: better as "higher" | "lower",
  }));
}

/** The report's rows, with the targets. */
export const FIGURES: Figure[] = [
  {
    scenario: "rpc",
    field: "calls_per_s",
    label: "calls/s",
    better: "higher",
    peerTarget: 2.5,
    rawTarget: 0.6,
  },
  {
    scenario: "rpc",
    field: "p50_ms",
    label: "p50 round trip (ms)",
    better: "lower",
  },
  {
    scenario: "rpc",
    field: "p99_ms",
    label: "p99 round trip (ms)",
    better: "lower",
    peerTarget: 0.4,
  },
  {
    scenario: "rpc",
    field: "server_cpu_us_per_call",
    label: "server CPU per call (µs)",
    better: "lower",
  },
  {
    scenario: "fanout",
    field: "deliveries_per_s",
    label: "deliveries/s",
    better: "higher",
    peerTarget: 3,
  },
  {
    scenario: "fanout",
    field: "p50_ms",
    label: "p50 delivery (ms)",
    better: "lower",
  },
  {
    scenario: "fanout",
    field: "p99_ms",
    label: "p99 delivery (ms)",
    better: "lower",
  },
  {
    scenario: "fanout",
    field: "max_gap_ms",
    label: "longest gap, no delivery (ms)",
    better: "lower",
    bound: 250,
  },
  {
    scenario: "fanout",
    field: "server_cpu_us_per_delivery",
    label: "server CPU per delivery (µs)",
    better: "lower",
  },
  {
    scenario: "paced",
    field: "p50_ms",
    label: "p50 delivery (ms)",
    better: "lower",
  },
  {
    scenario: "paced",
    field: "p99_ms",
    label: "p99 delivery (ms)",
    better: "lower",
    peerTarget: 0.3,
  },
  {
    scenario: "idle",
    field: "kb_per_connection",
    label: "memory per connection (KiB)",
    better: "lower",
    // Issue 20: an idle subscribed connection at most 1.0x the Node peer's.
    peerTarget: 1,
  },
  {
    scenario: "connect",
    field: "server_cpu_ms_per_connect",
    label: "server CPU per connection (ms)",
    better: "lower",
    rawTarget: 2,
  },
  {
    scenario: "connect",
    field: "connects_per_s",
    label: "connect+call+close/s",
    better: "higher",
  },
  ...gamesFigures("games"),
  ...gamesFigures("games_500"),
  ...SPECTATOR_FIGURES,
];

/** Sizes of each scenario: the defaults, or small ones with --quick. */
export function loadArgs(scenario: Scenario, quick: boolean): string[] {
  switch (scenario) {
    case "rpc":
      return quick
        ? ["--connections", "20", "--seconds", "2"]
        : ["--connections", "50", "--inflight", "4", "--seconds", "5"];
    case "fanout":
      return quick
        ? ["--subscribers", "300", "--events", "30"]
        : ["--subscribers", "2000", "--events", "100"];
    case "paced":
      return quick
        ? ["--subscribers", "300", "--events", "10", "--interval", "100"]
        : ["--subscribers", "2000", "--events", "40", "--interval", "250"];
    case "idle":
      return quick ? ["--connections", "500"] : ["--connections", "5000"];
    case "connect":
      return quick
        ? ["--connections", "100", "--warmup", "20"]
        : ["--connections", "300", "--warmup", "50"];
    case "games":
      return quick
        ? ["--games", "10", "--concurrency", "5", "--processes", "2"]
        : ["--games", "300", "--concurrency", "100", "--processes", "4"];
    case "games_500":
      return quick
        ? ["--games", "40", "--concurrency", "40", "--processes", "4"]
        // 8 processes: each admin connection creates its ~63 games at once
        // within the adapter's burst of calls (100)
        : [
          ...["--games", "500", "--concurrency", "500"],
          ...["--processes", "8", "--max-seconds", "600"],
        ];
    case "spectators":
      return quick
        ? ["--viewers", "300", "--processes", "2", "--think-ms", "20"]
        : ["--viewers", "5000", "--processes", "4", "--think-ms", "1000"];
    case "arena":
      return quick ? ["--games", "2"] : ["--games", "20"];
    case "tournament":
      return quick
        ? ["--games", "20", "--concurrency", "10"]
        : ["--games", "200", "--concurrency", "100"];
    case "cluster":
      return quick
        ? ["--games", "6", "--concurrency", "3"]
        : ["--games", "24", "--concurrency", "8"];
    case "lobby":
      return quick
        ? ["--connections", "300", "--hold", "2"]
        : ["--connections", "3000", "--hold", "5"];
    case "presence":
    case "presence_agents":
      return [
        ...(quick
          ? ["--connections", "300", "--churn", "50"]
          : ["--connections", "3000", "--churn", "200"]),
        "--type",
        scenario === "presence" ? "ui" : "agent",
      ];
  }
}

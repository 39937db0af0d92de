/**
 * The rows of the report's main table (`deno task bench`), with the issue's
 * targets: the adapter's scenarios against the peer and the raw server,
 * the games scenarios and the spectators scenario.
 * @module
 */
import { type Figure, type FigureRow, figuresOf } from "./_report.ts";

/**
 * The spectators scenario's rows; main prints its CPU per delivery against
 * the fan-out scenario's when both ran.
 */
export const SPECTATOR_FIGURES: Figure[] = figuresOf("spectators", [
  ["deliveries_per_s", "deliveries/s", "higher"],
  ["p50_ms", "p50 delivery (ms)", "lower"],
  ["p99_ms", "p99 delivery (ms)", "lower"],
  ["event_p99_median_ms", "median of each event's p99 (ms)", "lower"],
  ["event_p99_max_ms", "worst event's p99 (ms)", "lower"],
  ["server_cpu_us_per_delivery", "server CPU per delivery (µs)", "lower"],
]);

/**
 * The rows of a games scenario: throughput, the bots' `game.*` latency,
 * the server's CPU per game and share of its core against the load
 * generators' (summed, and the busiest process; over the run and in its
 * median second, the steady part), and the server's memory
 * per concurrent game.
 */
function gamesFigures(scenario: "games" | "games_500"): Figure[] {
  const rows: FigureRow[] = [
    ["games_per_s", "games/s (raw: engine alone)", "higher"],
    ["mutation_p50_ms", "game.* mutation p50 (ms)", "lower"],
    ["mutation_p99_ms", "game.* mutation p99 (ms)", "lower"],
    [
      "server_cpu_ms_per_game",
      "server CPU per game (ms) (raw: transport floor)",
      "lower",
    ],
    ["client_cpu_ms_per_game", "load generators' CPU per game (ms)", "lower"],
    ["server_cpu_pct", "server CPU (% of its core)", "higher"],
    ["client_cpu_pct", "load generators' CPU (% of one core, summed)", "lower"],
    ["client_cpu_pct_max", "busiest load process's CPU (% of a core)", "lower"],
    [
      "server_cpu_pct_median_s",
      "server CPU, median second (% of its core)",
      "higher",
    ],
    [
      "client_cpu_pct_median_s",
      "load generators' CPU, median second (% of one core, summed)",
      "lower",
    ],
    ["server_rss_kb_per_game", "server RSS per concurrent game (KiB)", "lower"],
    ["server_disk_kb_per_game", "server disk writes per game (KiB)", "lower"],
    ["timed_out_actions", "actions defaulted at their deadline", "lower"],
    ["mutation_errors", "game.* mutations refused or failed", "lower"],
    ["reconnects", "bots' reconnections (wire bots)", "lower"],
  ];
  // the raw side (the engine alone, the transport's floor) runs with `games`
  return figuresOf(
    scenario,
    scenario === "games" ? rows : rows.map(([field, label, better]) => [
      field,
      label.replace(/ \(raw: [a-z ]+\)/, ""),
      better,
    ]),
  );
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

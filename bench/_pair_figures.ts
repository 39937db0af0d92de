/**
 * The rows of the tables that compare ours with one other side: our server
 * against its `--baseline` ref, the tournament runner against the same
 * games direct, the page's lobby against a spectator, and compact prompts
 * against the full log.
 * @module
 */
import { type Figure, type FigureRow, figuresOf } from "./_report.ts";
import { BASELINE_SCENARIOS } from "./_plan.ts";

/** The figures each baseline scenario reports (those it has). */
const BASELINE_ROWS: readonly FigureRow[] = [
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
];

/** The rows of the baseline table (ours against `--baseline`), by scenario. */
export const BASELINE_FIGURES: Figure[] = BASELINE_SCENARIOS
  .flatMap((scenario) => figuresOf(scenario, BASELINE_ROWS))
  .sort((a, b) => a.scenario.localeCompare(b.scenario));

/** The rows of the tournament table (the runner against the same games direct). */
export const TOURNAMENT_FIGURES: Figure[] = figuresOf("tournament", [
  ["games_per_s", "games/s", "higher"],
  ["ms_per_game", "wall ms per game", "lower"],
  ["server_cpu_ms_per_game", "server CPU per game (ms)", "lower"],
  ["client_cpu_ms_per_game", "runner + bots CPU per game (ms)", "lower"],
]);

/**
 * The rows of the lobby table (the page's lobby against the page watching
 * one game), with the targets: within 2x of a spectator.
 */
export const LOBBY_FIGURES: Figure[] = figuresOf("lobby", [
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
]);

/** The rows of the arena table (compact prompts against the full log). */
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

/**
 * What `deno task bench` runs: the scenarios, the servers under test, which
 * scenarios compare with what, and the sizes of each (the defaults,
 * or small ones with `--quick`). The figures of the report, with their
 * targets, are in `_figures.ts` and `_pair_figures.ts`.
 * @module
 */

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

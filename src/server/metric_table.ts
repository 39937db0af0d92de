/**
 * Every metric of `GET /metrics` besides prom-client's default process
 * metrics: name, type, labels and meaning, once. `ServerMetrics` makes its
 * collectors from this table and the README's Metrics table is rendered
 * from it ({@linkcode metricsTable}; `tests/readme_metrics_test.ts` checks
 * the README and rewrites it when run as a script). Labels are bounded:
 * never a game or client id.
 * @module
 */

/** The prefix of every metric name, the default process metrics' too. */
export const METRIC_PREFIX = "loupgarou_";

/** One metric. */
export interface MetricSpec {
  /** The full name, {@linkcode METRIC_PREFIX} included. */
  name: string;
  /** The Prometheus type. */
  type: "counter" | "gauge" | "histogram";
  /** Its label names. */
  labels: readonly string[];
  /** What it counts: the README's sentence and the `# HELP` line. */
  help: string;
  /** A histogram's upper bounds. */
  buckets?: readonly number[];
}

const SECONDS = [
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
] as const;

/** Every metric of ours, by the key `ServerMetrics` knows it by. */
export const METRICS = {
  connections: {
    name: "loupgarou_connections",
    type: "gauge",
    labels: ["protocol", "client_type"],
    help:
      "Open connections whose context was made: protocol trpc_ws, trpc_sse (one per SSE stream) or legacy_ws; client_type agent, ui or observer.",
  },
  opened: {
    name: "loupgarou_connections_opened_total",
    type: "counter",
    labels: ["protocol"],
    help: "WebSockets opened (trpc_ws, legacy_ws).",
  },
  openWait: {
    name: "loupgarou_connection_open_wait_seconds",
    type: "histogram",
    labels: ["protocol"],
    help:
      "Seconds from a WebSocket's upgrade (the 101 answered) to the runtime's open event, when its frames start being read (trpc_ws, legacy_ws): tens of milliseconds with CPU to spare (up to 0.5 in a burst of hundreds of connections at once); when the process's CPU is saturated most wait past 0.1 and some for seconds, and frames on open sockets wait unread in the kernel as long (BENCHMARKS.md, \"Where a saturated server's frames wait\").",
    buckets: SECONDS,
  },
  closed: {
    name: "loupgarou_connections_closed_total",
    type: "counter",
    labels: ["protocol", "code"],
    help:
      "WebSocket sessions ended, by the close code that ended them (the server's, or the client's).",
  },
  calls: {
    name: "loupgarou_calls_total",
    type: "counter",
    labels: ["procedure", "code"],
    help:
      "Calls answered, by procedure (`unknown` for a path the router lacks) and code (`OK`, or the tRPC error code; a subscription counts when it starts): tRPC over WebSocket, over plain HTTP (each call of a batch, when the response starts) and the original protocol's messages (under the procedure each runs; not ping or pong).",
  },
  callSeconds: {
    name: "loupgarou_call_duration_seconds",
    type: "histogram",
    labels: ["procedure"],
    help:
      "Seconds from a call's admission to its answer (a subscription's: to its start), every transport as `loupgarou_calls_total`.",
    buckets: SECONDS,
  },
  deliveries: {
    name: "loupgarou_subscription_deliveries_total",
    type: "counter",
    labels: ["protocol"],
    help:
      "Subscription values sent: tRPC subscription data, and the original protocol's hub and game messages.",
  },
  sentBytes: {
    name: "loupgarou_sent_bytes_total",
    type: "counter",
    labels: ["protocol"],
    help:
      "Bytes of the WebSocket frames sent, replies, deliveries and pings alike; a text frame counts its length, which is its UTF-8 size for ASCII (the JSON of the protocols) and a lower bound for other text (an accented letter counts 1 for 2 bytes).",
  },
  slowConsumers: {
    name: "loupgarou_slow_consumer_cutoffs_total",
    type: "counter",
    labels: ["protocol"],
    help:
      "Clients the server cut off as too slow (close code 4003: unsent bytes over WS_MAX_BUFFERED_BYTES, WS_SLOW_CONSUMER_MS of waiting, or a hub queue full).",
  },
  refused: {
    name: "loupgarou_refused_total",
    type: "counter",
    labels: ["limit"],
    help:
      "Frames and calls refused by a limit: frame_size (WS_MAX_MESSAGE_BYTES), rate (WS_RATE_LIMIT), subscriptions (WS_MAX_SUBSCRIPTIONS), per_address (WS_MAX_CONNECTIONS_PER_IP), http_rate (HTTP_RATE_LIMIT); and new games: games_in_play (MAX_GAMES_IN_PLAY).",
  },
  games: {
    name: "loupgarou_games",
    type: "gauge",
    labels: ["status", "phase"],
    help:
      "Games not ended, by status (waiting in the lobby, running) and phase, read when scraped.",
  },
  gamesEnded: {
    name: "loupgarou_games_ended_total",
    type: "counter",
    labels: [],
    help: "Games that ended in this process.",
  },
  commands: {
    name: "loupgarou_commands_total",
    type: "counter",
    labels: ["command", "outcome"],
    help:
      "Game commands decided, by command type and outcome: applied, or the violation's code (INTERNAL_SERVER_ERROR: not saved).",
  },
  defaults: {
    name: "loupgarou_defaults_total",
    type: "counter",
    labels: ["cause"],
    help:
      "Defaults the server applied for a player, by cause: deadline, or the failure the agent declared.",
  },
  commitSeconds: {
    name: "loupgarou_commit_duration_seconds",
    type: "histogram",
    labels: [],
    help:
      "Seconds one group commit (one transaction, one disk sync) took in the store.",
    buckets: SECONDS,
  },
  commitGroup: {
    name: "loupgarou_commit_group_size",
    type: "histogram",
    labels: [],
    help: "Commands written by one group commit.",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  },
  eventLog: {
    name: "loupgarou_event_log_events",
    type: "gauge",
    labels: [],
    help:
      "Events held in memory by the games' logs (games not ended, and the ended ones kept), read when scraped.",
  },
  tournamentGames: {
    name: "loupgarou_tournament_games_total",
    type: "counter",
    labels: ["event"],
    help:
      "Tournament games started (`game_started`: a replayed game counts again) and ended (`game_ended`) through this process.",
  },
  hubHistory: {
    name: "loupgarou_hub_history_messages",
    type: "gauge",
    labels: [],
    help:
      "Hub messages kept for lastEventId resumes (at most HUB_HISTORY), read when scraped.",
  },
  clusterInstances: {
    name: "loupgarou_cluster_instances",
    type: "gauge",
    labels: [],
    help:
      "With REDIS_URL: the instances whose heartbeat has not expired (this one included), read from Redis when scraped; 0 without Redis or while it cannot be read.",
  },
  clusterClients: {
    name: "loupgarou_cluster_clients",
    type: "gauge",
    labels: ["instance"],
    help:
      "With REDIS_URL: each live instance's connected clients (INSTANCE_ID; as many series as instances), from its last heartbeat, read from Redis when scraped.",
  },
  clusterGames: {
    name: "loupgarou_cluster_games",
    type: "gauge",
    labels: ["status"],
    help:
      "With REDIS_URL: the games of every instance by status (waiting, running, ended), from Redis's indexes when scraped.",
  },
} as const satisfies Record<string, MetricSpec>;

/** The Markdown table of every metric, without a trailing newline. */
export function metricsTable(): string {
  const rows = [
    ["Metric", "Type", "Labels", "Meaning"],
    ...Object.values(METRICS).map((metric: MetricSpec) => [
      `\`${metric.name}\``,
      metric.type,
      metric.labels.map((label) => `\`${label}\``).join(", ") || "none",
      metric.help,
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(3, ...rows.map((row) => row[column]!.length))
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

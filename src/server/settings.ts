/**
 * The server's settings as one table: each environment variable, the
 * {@linkcode ServerConfig} field it sets, how it is read (`_setting_kinds.ts`)
 * and what it means. `readConfig` reads through it, the README's
 * configuration table is rendered from it ({@linkcode settingsTable}:
 * `tests/readme_config_test.ts` checks the README and rewrites it when run
 * as a script) and the config tests are generated from it. Defaults live in
 * `DEFAULT_CONFIG`, once.
 * @module
 */
import { SAY_CHARS_LIMIT } from "../contract/mod.ts";
import { DEFAULT_CONFIG, type ServerConfig } from "./server_config.ts";
import { readAllowedOrigins } from "./_origins.ts";
import {
  choice,
  integer,
  seconds,
  type SettingKind,
  text,
  trimmed,
  url,
} from "./_setting_kinds.ts";
import { LOG_FORMATS } from "./log.ts";

/** One row of the table, its kind matching its field's type. */
export type Setting = {
  [K in keyof ServerConfig]: {
    /** The environment variable. */
    env: string;
    /** The field of {@linkcode ServerConfig} it sets. */
    key: K;
    /** How its text is read. */
    kind: SettingKind<ServerConfig[K]>;
    /** The README's sentence. */
    meaning: string;
  };
}[keyof ServerConfig];

/** Every setting, in the README's order. */
export const SETTINGS: readonly Setting[] = [
  {
    env: "WS_HOST",
    key: "host",
    kind: text(),
    meaning:
      "Address to listen on. Without `ADMIN_TOKEN` (the open development mode) the default is `127.0.0.1` instead: this machine only; the log says so, and warns when `WS_HOST` opens such a server to the network.",
  },
  {
    env: "WS_PORT",
    key: "port",
    kind: integer(0, 65535),
    meaning: "Port (0 picks a free one).",
  },
  {
    env: "WS_TIMEOUT",
    key: "idleTimeoutS",
    kind: seconds(),
    meaning:
      "Seconds a socket may stay silent before it is closed (code 4002); 0 disables.",
  },
  {
    env: "ADMIN_TOKEN",
    key: "adminToken",
    kind: text(),
    meaning:
      "Admin secret. Unset: open development mode (anyone may publish anything, create, start and delete games, and the spectator page gets the god view; logged at start).",
  },
  {
    env: "SPECTATOR_TOKEN",
    key: "spectatorToken",
    kind: text(),
    meaning:
      "Read-only god view of every game (all roles, the werewolves' channel); it may not publish or take a seat.",
  },
  {
    env: "WS_PING_MS",
    key: "pingMs",
    kind: integer(0, 3_600_000),
    meaning:
      "Server sends `PING` this long after the last message received (a `PONG` included); 0 disables server pings.",
  },
  {
    env: "WS_PONG_WAIT_MS",
    key: "pongWaitMs",
    kind: integer(1, 600_000),
    meaning:
      "Nothing received within this after a `PING`: the socket is dead, its session ends (close code 4005, see the keep-alive below).",
  },
  {
    env: "WS_MAX_MESSAGE_BYTES",
    key: "maxMessageBytes",
    kind: integer(256, 64 * 1024 * 1024),
    meaning:
      "Largest frame accepted; each call of a larger one is answered PAYLOAD_TOO_LARGE, and one whose calls cannot be read gets an error and close code 1009. Also the largest plain HTTP `/trpc` body and URL: over it, 413 PAYLOAD_TOO_LARGE, before the body is read.",
  },
  {
    env: "WS_RATE_LIMIT",
    key: "rateLimitPerSecond",
    kind: integer(0, 1_000_000),
    meaning:
      "Calls per second one connection may make on average (0: no limit); over it, TOO_MANY_REQUESTS says how long to wait.",
  },
  {
    env: "WS_RATE_BURST",
    key: "rateBurst",
    kind: integer(1, 1_000_000),
    meaning:
      "Calls one connection may make at once before `WS_RATE_LIMIT` applies.",
  },
  {
    env: "WS_MAX_SUBSCRIPTIONS",
    key: "maxSubscriptions",
    kind: integer(1, 100_000),
    meaning:
      "Subscriptions one connection may hold at once, and one SSE client (its client id; without one, its address) over HTTP; one more gets TOO_MANY_REQUESTS.",
  },
  {
    env: "WS_MAX_BUFFERED_BYTES",
    key: "maxBufferedBytes",
    kind: integer(64 * 1024, 1024 * 1024 * 1024),
    meaning:
      "Unsent bytes one socket may hold; past it (or after `WS_SLOW_CONSUMER_MS` of waiting) the client is closed with 4003 and may resume with `lastEventId`.",
  },
  {
    env: "WS_SLOW_CONSUMER_MS",
    key: "slowConsumerMs",
    kind: integer(100, 600_000),
    meaning:
      "How long a subscription waits for a client that does not read before closing it (4003), and how long any close the server starts waits for the client's close frame before dropping the connection.",
  },
  {
    env: "SHUTDOWN_GRACE_MS",
    key: "shutdownGraceMs",
    kind: integer(0, 600_000),
    meaning: "On SIGINT/SIGTERM, how long calls in flight may take to finish.",
  },
  {
    env: "HUB_HISTORY",
    key: "hubHistory",
    kind: integer(1, 10_000_000),
    meaning:
      "Hub messages kept so a reconnecting client can resume with `lastEventId`.",
  },
  {
    env: "HUB_PRESENCE_MS",
    key: "hubPresenceMs",
    kind: integer(0, 60_000),
    meaning:
      "Presence is announced at most once per this many ms: the changes of a window go out together, net of each other (0: each change at once; up to 60000).",
  },
  {
    env: "DATA_DIR",
    key: "dataDir",
    kind: trimmed(DEFAULT_CONFIG.dataDir),
    meaning:
      "Directory of the games database (`loup-garou.db`, created if missing); `:memory:` keeps nothing.",
  },
  {
    env: "DATA_SYNC",
    key: "dataSync",
    kind: choice(
      ["full", "normal"],
      "full: each commit on disk, survives a power loss; normal: faster, survives a process crash",
    ),
    meaning:
      "`full`: each commit is on disk before the answer (survives power loss); `normal`: faster, survives a process crash.",
  },
  {
    env: "REDIS_URL",
    key: "redisUrl",
    kind: url(["redis:", "rediss:"]),
    meaning:
      'Keep the games in Redis (`redis://host:port`) instead of `DATA_DIR`: each game\'s events in a stream, one owner per game under a lease. The Redis server must run with `appendonly yes` and `appendfsync always` (see "Redis"). Unset: SQLite.',
  },
  {
    env: "GAME_LEASE_MS",
    key: "gameLeaseMs",
    kind: integer(300, 600_000),
    meaning:
      "With `REDIS_URL`: how long a game's lease lasts unrenewed, in ms (renewed every third of it); an instance that lost it can write no more of that game.",
  },
  {
    env: "INSTANCE_ID",
    key: "instanceId",
    kind: text(),
    meaning:
      "With `REDIS_URL`: this instance's name in its games' leases (unset: generated at start). An instance restarted with the same id takes its games back at once; another waits for their leases to expire.",
  },
  {
    env: "LOG_FORMAT",
    key: "logFormat",
    kind: choice(
      LOG_FORMATS,
      "json: one JSON object per line, for log collectors",
    ),
    meaning:
      "`text`: plain lines; `json`: one JSON object per line (`time` ISO 8601, `level` info/warn/error, `message`, and the line's fields such as `procedure` and `stack`), for log collectors. No line carries a token.",
  },
  {
    env: "SAY_MAX_CHARS",
    key: "maxSayChars",
    kind: integer(1, SAY_CHARS_LIMIT),
    meaning:
      "Longest `game.say` in characters (1 to 20000) of a game created without its own `maxSayChars`.",
  },
  {
    env: "MAX_GAMES_IN_PLAY",
    key: "maxGamesInPlay",
    kind: integer(0, 1_000_000),
    meaning:
      "Games not ended (in the lobby or playing) this instance creates and runs at once; one more game (`lobby.createGame`, `tournament.startGame`, the page's demo game, `/ws` `create_game`) is refused with SERVICE_UNAVAILABLE until one ends, and the tournament runner waits and retries (0: no limit). Games resumed after a restart are not refused. See Capacity below.",
  },
  {
    env: "TLS_CERT",
    key: "tlsCertPath",
    kind: text(),
    meaning:
      "PEM certificate chain file; with `TLS_KEY`, the server speaks HTTPS and `wss://` (see TLS below).",
  },
  {
    env: "TLS_KEY",
    key: "tlsKeyPath",
    kind: text(),
    meaning: "Path of the PEM private key of `TLS_CERT`; set both or neither.",
  },
  {
    env: "ALLOWED_ORIGINS",
    key: "allowedOrigins",
    kind: { read: readAllowedOrigins },
    meaning:
      "Browser origins allowed, comma-separated, exactly; `*`: any. Unset: the server's own and loopback (see Origins).",
  },
  {
    env: "WS_MAX_CONNECTIONS_PER_IP",
    key: "wsMaxConnectionsPerIp",
    kind: integer(0, 1_000_000),
    meaning:
      "Open WebSockets and SSE streams (together) one remote address may hold; one more is refused with 429 (0: no limit).",
  },
  {
    env: "HTTP_RATE_LIMIT",
    key: "httpRateLimitPerSecond",
    kind: integer(0, 1_000_000),
    meaning:
      "HTTP `/trpc` calls per second one address may make on average, each call of a batch counting as one (0: no limit); over it, 429 and `retry-after`.",
  },
  {
    env: "HTTP_RATE_BURST",
    key: "httpRateBurst",
    kind: integer(1, 1_000_000),
    meaning:
      "HTTP `/trpc` calls one address may make at once before `HTTP_RATE_LIMIT` applies; also the largest HTTP batch that can pass.",
  },
  {
    env: "HTTP_HEADER_TIMEOUT_MS",
    key: "headerTimeoutMs",
    kind: integer(0, 600_000),
    meaning:
      "Milliseconds a new connection has to send its first request head (TLS handshake included); later it is closed unanswered (0: no deadline). See Connections below.",
  },
  {
    env: "MAX_CONNECTIONS_PER_IP",
    key: "maxConnectionsPerIp",
    kind: integer(0, 1_000_000),
    meaning:
      "Connections one remote address may hold that are not WebSockets (plain HTTP, SSE, upgrades in progress); one more gets a raw 429 and is closed (0: no limit).",
  },
  {
    env: "METRICS_TOKEN",
    key: "metricsToken",
    kind: text(),
    meaning:
      "Bearer token of `GET /metrics` (Prometheus' `authorization` setting); a wrong or missing one gets 401. Unset: `/metrics` answers loopback addresses only, others get 403 (see Metrics).",
  },
  {
    env: "OTEL_DENO",
    key: "otelDeno",
    kind: choice(
      ["true", "false"],
      "true: Deno exports traces, metrics and logs over OTLP, and the server adds its spans",
    ),
    meaning:
      "`true`: Deno's built-in OpenTelemetry exports over OTLP (to `OTEL_EXPORTER_OTLP_ENDPOINT`, see Tracing) its HTTP spans and the server's own: a span per WebSocket call and per game command with its decide, commit and fan-out. `false`: no span is made.",
  },
];

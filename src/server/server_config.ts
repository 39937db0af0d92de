/**
 * The server's configuration: every setting's field and its default, and
 * where the open development mode listens. The settings table
 * (`settings.ts`) says which variable sets each field and how it is read.
 * @module
 */
import type { LogFormat } from "./log.ts";

/** Every setting of the server. See `settings.ts` and the README's configuration table. */
export interface ServerConfig {
  /**
   * `WS_HOST`: the address to listen on. Unset: `0.0.0.0` (every interface)
   * with `ADMIN_TOKEN` set, {@linkcode OPEN_MODE_HOST} without it.
   */
  host: string;
  /** `WS_PORT`: the port (0 picks a free one). */
  port: number;
  /** `WS_TIMEOUT`: close a socket silent for this many seconds (0: never). */
  idleTimeoutS: number;
  /** `ADMIN_TOKEN`: unset runs the open development mode. */
  adminToken: string | undefined;
  /** `SPECTATOR_TOKEN`: the god view, read-only; unset: none. */
  spectatorToken: string | undefined;
  /** `WS_PING_MS`: server `PING` after this much quiet (0: no pings). */
  pingMs: number;
  /** `WS_PONG_WAIT_MS`: close when a `PING` is not answered in time. */
  pongWaitMs: number;
  /** `WS_MAX_MESSAGE_BYTES`: the largest frame accepted. */
  maxMessageBytes: number;
  /** `SHUTDOWN_GRACE_MS`: how long a shutdown waits for calls in flight. */
  shutdownGraceMs: number;
  /** `HUB_HISTORY`: hub messages kept for `lastEventId` resumes. */
  hubHistory: number;
  /** `HUB_PRESENCE_MS`: presence is announced at most once per this many ms (0: each change at once). */
  hubPresenceMs: number;
  /** `WS_RATE_LIMIT`: calls per second per connection on average (0: none). */
  rateLimitPerSecond: number;
  /** `WS_RATE_BURST`: calls a connection may make at once. */
  rateBurst: number;
  /** `WS_MAX_SUBSCRIPTIONS`: subscriptions one connection may hold. */
  maxSubscriptions: number;
  /** `WS_MAX_BUFFERED_BYTES`: unsent bytes past which a client is cut off (4003). */
  maxBufferedBytes: number;
  /** `WS_SLOW_CONSUMER_MS`: how long a subscription waits for a client that does not read. */
  slowConsumerMs: number;
  /** `DATA_DIR`: where the games database lives; `:memory:` keeps nothing. */
  dataDir: string;
  /** `DATA_SYNC`: `full` (survives power loss) or `normal` (survives a process crash). */
  dataSync: "full" | "normal";
  /** `REDIS_URL`: the games in Redis instead of `DATA_DIR`; unset: SQLite. */
  redisUrl: string | undefined;
  /** `GAME_LEASE_MS`: how long a game's owner keeps it unrenewed (Redis only), ms. */
  gameLeaseMs: number;
  /** `INSTANCE_ID`: this instance's name in its leases; unset: generated at start. */
  instanceId: string | undefined;
  /** `LOG_FORMAT`: `text` lines, or one JSON object per line. */
  logFormat: LogFormat;
  /** `SAY_MAX_CHARS`: the longest `say` of a game created without its own. */
  maxSayChars: number;
  /** `MAX_GAMES_IN_PLAY`: games not ended this instance leads at once (0: any). */
  maxGamesInPlay: number;
  /** `TLS_CERT`: path of the PEM certificate chain; set with `tlsKeyPath`. */
  tlsCertPath: string | undefined;
  /** `TLS_KEY`: path of the PEM private key; set with `tlsCertPath`. */
  tlsKeyPath: string | undefined;
  /**
   * `ALLOWED_ORIGINS`: exactly the browser origins allowed;
   * `"*"`: any; null: the server's own and the loopback origins.
   */
  allowedOrigins: "*" | readonly string[] | null;
  /** `WS_MAX_CONNECTIONS_PER_IP`: open WebSockets per remote address (0: any). */
  wsMaxConnectionsPerIp: number;
  /** `HTTP_RATE_LIMIT`: `/trpc` HTTP requests per second per address (0: none). */
  httpRateLimitPerSecond: number;
  /** `HTTP_RATE_BURST`: `/trpc` HTTP requests an address may make at once. */
  httpRateBurst: number;
  /** `HTTP_HEADER_TIMEOUT_MS`: a connection's first request head must arrive by then (0: no deadline). */
  headerTimeoutMs: number;
  /** `MAX_CONNECTIONS_PER_IP`: connections per remote address that are not WebSockets (0: any). */
  maxConnectionsPerIp: number;
  /** `METRICS_TOKEN`: the Bearer token of `GET /metrics`; unset: loopback only. */
  metricsToken: string | undefined;
  /** `OTEL_DENO`: `true` when Deno exports OpenTelemetry (then the server adds its spans). */
  otelDeno: "true" | "false";
}

/**
 * Where the open development mode (no `ADMIN_TOKEN`) listens unless
 * `WS_HOST` says otherwise: this machine only, since anyone reaching it may
 * create games and publish anything.
 */
export const OPEN_MODE_HOST = "127.0.0.1";

/** The defaults of {@linkcode ServerConfig} (`host`: with `ADMIN_TOKEN` set). */
export const DEFAULT_CONFIG: Readonly<ServerConfig> = Object.freeze({
  host: "0.0.0.0",
  port: 8000,
  idleTimeoutS: 300,
  adminToken: undefined,
  spectatorToken: undefined,
  pingMs: 30_000,
  pongWaitMs: 5_000,
  maxMessageBytes: 64 * 1024,
  shutdownGraceMs: 10_000,
  hubHistory: 10_000,
  hubPresenceMs: 200,
  rateLimitPerSecond: 50,
  rateBurst: 100,
  maxSubscriptions: 16,
  maxBufferedBytes: 8 * 1024 * 1024,
  slowConsumerMs: 30_000,
  dataDir: "./data",
  dataSync: "full",
  redisUrl: undefined,
  gameLeaseMs: 5000,
  instanceId: undefined,
  logFormat: "text",
  maxSayChars: 2000,
  maxGamesInPlay: 0,
  tlsCertPath: undefined,
  tlsKeyPath: undefined,
  allowedOrigins: null,
  wsMaxConnectionsPerIp: 64,
  httpRateLimitPerSecond: 20,
  httpRateBurst: 40,
  headerTimeoutMs: 10_000,
  metricsToken: undefined,
  otelDeno: "false",
  maxConnectionsPerIp: 128,
});

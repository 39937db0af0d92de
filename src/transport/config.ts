import { SAY_CHARS_LIMIT } from "../contract/mod.ts";
import { ConfigError } from "./_config_error.ts";
import { readAllowedOrigins } from "./_origins.ts";
import { tlsPaths } from "./_tls.ts";
import { LOG_FORMATS, type LogFormat } from "./log.ts";

export { ConfigError };

/** Every setting of the server. See the README's configuration table. */
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
  /** `LOG_FORMAT`: `text` lines, or one JSON object per line. */
  logFormat: LogFormat;
  /** `SAY_MAX_CHARS`: the longest `say` of a game created without its own. */
  maxSayChars: number;
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
  logFormat: "text",
  maxSayChars: 2000,
  tlsCertPath: undefined,
  tlsKeyPath: undefined,
  allowedOrigins: null,
  wsMaxConnectionsPerIp: 64,
  httpRateLimitPerSecond: 20,
  httpRateBurst: 40,
  headerTimeoutMs: 10_000,
  maxConnectionsPerIp: 128,
});

const FLAGS: Record<string, string> = {
  "--host": "WS_HOST",
  "--port": "WS_PORT",
  "--timeout": "WS_TIMEOUT",
};

/**
 * Reads the configuration from environment variables, overridden by the
 * flags `--host`, `--port` and `--timeout` (`--port 9000` or `--port=9000`).
 * Throws a {@linkcode ConfigError} that names the bad setting.
 */
export function readConfig(
  env: Record<string, string | undefined>,
  args: readonly string[] = [],
): ServerConfig {
  const values = { ...env };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = (args[i] as string).split("=", 2) as [
      string,
      string | undefined,
    ];
    const name = FLAGS[flag];
    if (name === undefined) {
      throw new ConfigError(
        `Unknown flag ${flag}: the flags are ${Object.keys(FLAGS).join(", ")}.`,
      );
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.trim() === "") {
      throw new ConfigError(`${flag} needs a value.`);
    }
    values[name] = value;
  }
  const token = values["ADMIN_TOKEN"];
  const dataSync = values["DATA_SYNC"] || DEFAULT_CONFIG.dataSync;
  if (dataSync !== "full" && dataSync !== "normal") {
    throw new ConfigError(
      `DATA_SYNC=${dataSync} is not valid: use full (each commit on disk, survives a power loss) or normal (faster, survives a process crash).`,
    );
  }
  const logFormat = values["LOG_FORMAT"] || DEFAULT_CONFIG.logFormat;
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    throw new ConfigError(
      `LOG_FORMAT=${logFormat} is not valid: use ${
        LOG_FORMATS.join(" or ")
      } (one JSON object per line, for log collectors).`,
    );
  }
  return {
    host: values["WS_HOST"] ||
      (token === undefined || token === ""
        ? OPEN_MODE_HOST
        : DEFAULT_CONFIG.host),
    port: integer(values, "WS_PORT", DEFAULT_CONFIG.port, 0, 65535),
    idleTimeoutS: number(values, "WS_TIMEOUT", DEFAULT_CONFIG.idleTimeoutS),
    adminToken: token === undefined || token === "" ? undefined : token,
    spectatorToken: values["SPECTATOR_TOKEN"] || undefined,
    pingMs: integer(values, "WS_PING_MS", DEFAULT_CONFIG.pingMs, 0, 3_600_000),
    pongWaitMs: integer(
      values,
      "WS_PONG_WAIT_MS",
      DEFAULT_CONFIG.pongWaitMs,
      1,
      600_000,
    ),
    maxMessageBytes: integer(
      values,
      "WS_MAX_MESSAGE_BYTES",
      DEFAULT_CONFIG.maxMessageBytes,
      256,
      64 * 1024 * 1024,
    ),
    shutdownGraceMs: integer(
      values,
      "SHUTDOWN_GRACE_MS",
      DEFAULT_CONFIG.shutdownGraceMs,
      0,
      600_000,
    ),
    hubHistory: integer(
      values,
      "HUB_HISTORY",
      DEFAULT_CONFIG.hubHistory,
      1,
      10_000_000,
    ),
    hubPresenceMs: integer(
      values,
      "HUB_PRESENCE_MS",
      DEFAULT_CONFIG.hubPresenceMs,
      0,
      60_000,
    ),
    rateLimitPerSecond: integer(
      values,
      "WS_RATE_LIMIT",
      DEFAULT_CONFIG.rateLimitPerSecond,
      0,
      1_000_000,
    ),
    rateBurst: integer(
      values,
      "WS_RATE_BURST",
      DEFAULT_CONFIG.rateBurst,
      1,
      1_000_000,
    ),
    maxSubscriptions: integer(
      values,
      "WS_MAX_SUBSCRIPTIONS",
      DEFAULT_CONFIG.maxSubscriptions,
      1,
      100_000,
    ),
    maxBufferedBytes: integer(
      values,
      "WS_MAX_BUFFERED_BYTES",
      DEFAULT_CONFIG.maxBufferedBytes,
      64 * 1024,
      1024 * 1024 * 1024,
    ),
    slowConsumerMs: integer(
      values,
      "WS_SLOW_CONSUMER_MS",
      DEFAULT_CONFIG.slowConsumerMs,
      100,
      600_000,
    ),
    dataDir: values["DATA_DIR"]?.trim() || DEFAULT_CONFIG.dataDir,
    dataSync,
    logFormat: logFormat as LogFormat,
    maxSayChars: integer(
      values,
      "SAY_MAX_CHARS",
      DEFAULT_CONFIG.maxSayChars,
      1,
      SAY_CHARS_LIMIT,
    ),
    ...tlsPaths(values),
    allowedOrigins: readAllowedOrigins(values["ALLOWED_ORIGINS"]),
    wsMaxConnectionsPerIp: integer(
      values,
      "WS_MAX_CONNECTIONS_PER_IP",
      DEFAULT_CONFIG.wsMaxConnectionsPerIp,
      0,
      1_000_000,
    ),
    httpRateLimitPerSecond: integer(
      values,
      "HTTP_RATE_LIMIT",
      DEFAULT_CONFIG.httpRateLimitPerSecond,
      0,
      1_000_000,
    ),
    httpRateBurst: integer(
      values,
      "HTTP_RATE_BURST",
      DEFAULT_CONFIG.httpRateBurst,
      1,
      1_000_000,
    ),
    headerTimeoutMs: integer(
      values,
      "HTTP_HEADER_TIMEOUT_MS",
      DEFAULT_CONFIG.headerTimeoutMs,
      0,
      600_000,
    ),
    maxConnectionsPerIp: integer(
      values,
      "MAX_CONNECTIONS_PER_IP",
      DEFAULT_CONFIG.maxConnectionsPerIp,
      0,
      1_000_000,
    ),
  };
}

function number(
  values: Record<string, string | undefined>,
  name: string,
  fallback: number,
): number {
  const raw = values[name];
  if (raw === undefined || raw === "") return fallback;
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(
      `${name}=${raw} is not a number of seconds (0 or more).`,
    );
  }
  return value;
}

function integer(
  values: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined || raw === "") return fallback;
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name}=${raw} is not valid: use a whole number from ${min} to ${max}.`,
    );
  }
  return value;
}

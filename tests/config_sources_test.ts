/**
 * `readConfig()` sources: every environment variable read, and flags that
 * override the environment.
 * @module
 */
import assert from "node:assert/strict";
import {
  DEFAULT_CONFIG,
  readConfig,
  type ServerConfig,
} from "../src/server/mod.ts";
import { OPEN_DEFAULTS } from "./_config.ts";

Deno.test("readConfig() reads every environment variable", () => {
  const cases: [string, string, keyof ServerConfig, unknown][] = [
    ["WS_HOST", "127.0.0.1", "host", "127.0.0.1"],
    ["WS_HOST", "::", "host", "::"],
    ["WS_PORT", "9001", "port", 9001],
    ["WS_PORT", "0", "port", 0],
    ["WS_PORT", "65535", "port", 65535],
    ["WS_TIMEOUT", "60", "idleTimeoutS", 60],
    ["WS_TIMEOUT", "0", "idleTimeoutS", 0],
    ["WS_TIMEOUT", "2.5", "idleTimeoutS", 2.5],
    ["ADMIN_TOKEN", "s3cret", "adminToken", "s3cret"],
    ["WS_PING_MS", "1000", "pingMs", 1000],
    ["WS_PING_MS", "0", "pingMs", 0],
    ["WS_PING_MS", "3600000", "pingMs", 3_600_000],
    ["WS_PONG_WAIT_MS", "1", "pongWaitMs", 1],
    ["WS_PONG_WAIT_MS", "600000", "pongWaitMs", 600_000],
    ["WS_MAX_MESSAGE_BYTES", "256", "maxMessageBytes", 256],
    ["WS_MAX_MESSAGE_BYTES", "67108864", "maxMessageBytes", 64 * 1024 * 1024],
    ["SHUTDOWN_GRACE_MS", "0", "shutdownGraceMs", 0],
    ["SHUTDOWN_GRACE_MS", "600000", "shutdownGraceMs", 600_000],
    ["HUB_HISTORY", "1", "hubHistory", 1],
    ["HUB_HISTORY", "10000000", "hubHistory", 10_000_000],
    ["HUB_PRESENCE_MS", "0", "hubPresenceMs", 0],
    ["HUB_PRESENCE_MS", "60000", "hubPresenceMs", 60_000],
    ["WS_RATE_LIMIT", "0", "rateLimitPerSecond", 0],
    ["WS_RATE_LIMIT", "5", "rateLimitPerSecond", 5],
    ["WS_RATE_BURST", "1", "rateBurst", 1],
    ["WS_MAX_SUBSCRIPTIONS", "2", "maxSubscriptions", 2],
    ["WS_MAX_BUFFERED_BYTES", "65536", "maxBufferedBytes", 65_536],
    ["WS_SLOW_CONSUMER_MS", "100", "slowConsumerMs", 100],
    ["DATA_DIR", "/var/lib/loup-garou", "dataDir", "/var/lib/loup-garou"],
    ["DATA_DIR", ":memory:", "dataDir", ":memory:"],
    ["DATA_SYNC", "normal", "dataSync", "normal"],
    ["DATA_SYNC", "full", "dataSync", "full"],
    ["METRICS_TOKEN", "m-secret", "metricsToken", "m-secret"],
    ["OTEL_DENO", "true", "otelDeno", "true"],
    ["SAY_MAX_CHARS", "1", "maxSayChars", 1],
    ["SAY_MAX_CHARS", "20000", "maxSayChars", 20_000],
    ["MAX_GAMES_IN_PLAY", "0", "maxGamesInPlay", 0],
    ["MAX_GAMES_IN_PLAY", "150", "maxGamesInPlay", 150],
    ["ALLOWED_ORIGINS", "*", "allowedOrigins", "*"],
    ["ALLOWED_ORIGINS", "https://ui.example/", "allowedOrigins", [
      "https://ui.example",
    ]],
    [
      "ALLOWED_ORIGINS",
      " http://a.example:81 ,https://B.example",
      "allowedOrigins",
      [
        "http://a.example:81",
        "https://b.example",
      ],
    ],
    ["WS_MAX_CONNECTIONS_PER_IP", "0", "wsMaxConnectionsPerIp", 0],
    ["WS_MAX_CONNECTIONS_PER_IP", "1", "wsMaxConnectionsPerIp", 1],
    ["HTTP_RATE_LIMIT", "0", "httpRateLimitPerSecond", 0],
    ["HTTP_RATE_LIMIT", "5", "httpRateLimitPerSecond", 5],
    ["HTTP_RATE_BURST", "1", "httpRateBurst", 1],
    ["HTTP_HEADER_TIMEOUT_MS", "0", "headerTimeoutMs", 0],
    ["HTTP_HEADER_TIMEOUT_MS", "600000", "headerTimeoutMs", 600_000],
    ["MAX_CONNECTIONS_PER_IP", "0", "maxConnectionsPerIp", 0],
    ["MAX_CONNECTIONS_PER_IP", "1", "maxConnectionsPerIp", 1],
    ["LOG_FORMAT", "json", "logFormat", "json"],
    ["LOG_FORMAT", "text", "logFormat", "text"],
  ];
  for (const [name, value, key, expected] of cases) {
    const config = readConfig({ [name]: value });
    assert.deepEqual(config[key], expected, `${name}=${value}`);
    // The other settings keep their defaults.
    assert.deepEqual(
      { ...config, [key]: OPEN_DEFAULTS[key] },
      key === "adminToken"
        ? { ...OPEN_DEFAULTS, host: DEFAULT_CONFIG.host }
        : OPEN_DEFAULTS,
      `${name}=${value} changed only ${key}`,
    );
  }
});

Deno.test("readConfig() flags override the environment", () => {
  const env = { WS_HOST: "10.0.0.1", WS_PORT: "8001", WS_TIMEOUT: "30" };
  const cases: { args: string[]; expect: Partial<ServerConfig> }[] = [
    { args: [], expect: { host: "10.0.0.1", port: 8001, idleTimeoutS: 30 } },
    { args: ["--port", "9000"], expect: { port: 9000 } },
    { args: ["--port=9000"], expect: { port: 9000 } },
    { args: ["--host", "127.0.0.1"], expect: { host: "127.0.0.1" } },
    { args: ["--host=localhost"], expect: { host: "localhost" } },
    { args: ["--timeout", "0"], expect: { idleTimeoutS: 0 } },
    { args: ["--timeout=12.5"], expect: { idleTimeoutS: 12.5 } },
    {
      args: ["--host", "::1", "--port=1234", "--timeout", "5"],
      expect: { host: "::1", port: 1234, idleTimeoutS: 5 },
    },
    { args: ["--port", "1", "--port", "2"], expect: { port: 2 } },
  ];
  for (const { args, expect } of cases) {
    const config = readConfig(env, args);
    const expected = {
      host: "10.0.0.1",
      port: 8001,
      idleTimeoutS: 30,
      ...expect,
    };
    assert.deepEqual(
      {
        host: config.host,
        port: config.port,
        idleTimeoutS: config.idleTimeoutS,
      },
      expected,
      args.join(" "),
    );
  }
  // Flags work without any environment too, and the env is not changed.
  assert.equal(readConfig({}, ["--port", "9000"]).port, 9000);
  readConfig(env, ["--port", "9000"]);
  assert.equal(env.WS_PORT, "8001");
});

/**
 * `readConfig()` defaults: the listening host with and without ADMIN_TOKEN,
 * REDIS_URL's forms, no env and no args, and empty values taken as unset.
 * @module
 */
import assert from "node:assert/strict";
import {
  DEFAULT_CONFIG,
  OPEN_MODE_HOST,
  readConfig,
  type ServerConfig,
} from "../src/server/mod.ts";
import { assertConfigError, OPEN_DEFAULTS } from "./_config.ts";

Deno.test("readConfig() listens on every interface with ADMIN_TOKEN and on loopback only without it, unless WS_HOST says", () => {
  assert.equal(readConfig({}).host, OPEN_MODE_HOST);
  assert.equal(OPEN_MODE_HOST, "127.0.0.1");
  assert.equal(readConfig({ ADMIN_TOKEN: "t" }).host, DEFAULT_CONFIG.host);
  assert.equal(DEFAULT_CONFIG.host, "0.0.0.0");
  assert.equal(readConfig({ WS_HOST: "0.0.0.0" }).host, "0.0.0.0");
  assert.equal(readConfig({ ADMIN_TOKEN: "t", WS_HOST: "::1" }).host, "::1");
});

Deno.test("readConfig() takes REDIS_URL only as a redis:// or rediss:// URL, naming the setting otherwise", () => {
  assert.equal(
    readConfig({ REDIS_URL: " redis://127.0.0.1:6379 " }).redisUrl,
    "redis://127.0.0.1:6379",
  );
  assert.equal(
    readConfig({ REDIS_URL: "rediss://user:pw@cache:6380/2" }).redisUrl,
    "rediss://user:pw@cache:6380/2",
  );
  for (const raw of ["127.0.0.1:6379", "http://cache:6379", "redis"]) {
    assertConfigError(() => readConfig({ REDIS_URL: raw }), "REDIS_URL", raw);
  }
});

Deno.test("readConfig() with no env and no args gives the defaults", () => {
  const expected: ServerConfig = {
    host: OPEN_MODE_HOST,
    port: 8000,
    idleTimeoutS: 300,
    adminToken: undefined,
    spectatorToken: undefined,
    pingMs: 30_000,
    pongWaitMs: 5_000,
    maxMessageBytes: 65_536,
    shutdownGraceMs: 10_000,
    hubHistory: 10_000,
    hubPresenceMs: 200,
    rateLimitPerSecond: 50,
    rateBurst: 100,
    maxSubscriptions: 16,
    maxBufferedBytes: 8_388_608,
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
    maxConnectionsPerIp: 128,
    metricsToken: undefined,
    otelDeno: "false",
  };
  assert.deepEqual(readConfig({}), expected);
  assert.deepEqual(readConfig({}, []), expected);
  assert.deepEqual(OPEN_DEFAULTS, expected);
  assert.ok(Object.isFrozen(DEFAULT_CONFIG));
});

Deno.test("readConfig() treats empty and undefined values as unset", () => {
  const names = [
    "WS_HOST",
    "WS_PORT",
    "WS_TIMEOUT",
    "ADMIN_TOKEN",
    "WS_PING_MS",
    "WS_PONG_WAIT_MS",
    "WS_MAX_MESSAGE_BYTES",
    "SHUTDOWN_GRACE_MS",
    "HUB_HISTORY",
    "HUB_PRESENCE_MS",
    "DATA_DIR",
    "DATA_SYNC",
    "SAY_MAX_CHARS",
    "TLS_CERT",
    "TLS_KEY",
    "ALLOWED_ORIGINS",
    "WS_MAX_CONNECTIONS_PER_IP",
    "HTTP_RATE_LIMIT",
    "HTTP_RATE_BURST",
    "HTTP_HEADER_TIMEOUT_MS",
    "MAX_CONNECTIONS_PER_IP",
    "LOG_FORMAT",
  ];
  for (const value of ["", undefined]) {
    const env = Object.fromEntries(names.map((name) => [name, value]));
    assert.deepEqual(
      readConfig(env),
      OPEN_DEFAULTS,
      JSON.stringify(value),
    );
  }
  assert.equal(readConfig({ ADMIN_TOKEN: "" }).adminToken, undefined);
  assert.equal(readConfig({ ADMIN_TOKEN: " " }).adminToken, " ");
});

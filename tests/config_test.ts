import assert from "node:assert/strict";
import {
  ConfigError,
  DEFAULT_CONFIG,
  OPEN_MODE_HOST,
  readConfig,
  type ServerConfig,
  SETTINGS,
} from "../src/server/mod.ts";

/** What readConfig() gives with no `ADMIN_TOKEN`: the defaults, on loopback. */
const OPEN_DEFAULTS: ServerConfig = { ...DEFAULT_CONFIG, host: OPEN_MODE_HOST };

/** Asserts `fn` throws a ConfigError whose message contains `names`. */
function assertConfigError(
  fn: () => unknown,
  names: string,
  label: string,
): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(
      error instanceof ConfigError,
      `${label}: not a ConfigError: ${error}`,
    );
    assert.equal(error.name, "ConfigError", label);
    assert.ok(
      error.message.includes(names),
      `${label}: message ${
        JSON.stringify(error.message)
      } does not name ${names}`,
    );
    return true;
  }, label);
}

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

Deno.test("readConfig() refuses invalid values with a ConfigError naming the setting", () => {
  const cases: {
    env?: Record<string, string>;
    args?: string[];
    names: string;
  }[] = [
    { env: { WS_PORT: "abc" }, names: "WS_PORT" },
    {
      env: { LOG_FORMAT: "xml" },
      names: "LOG_FORMAT=xml is not valid: use text or json",
    },
    { env: { WS_PORT: "70000" }, names: "WS_PORT" },
    { env: { WS_PORT: "65536" }, names: "WS_PORT" },
    { env: { WS_PORT: "-1" }, names: "WS_PORT" },
    { env: { WS_PORT: "80.5" }, names: "WS_PORT" },
    { env: { WS_TIMEOUT: "-1" }, names: "WS_TIMEOUT" },
    { env: { WS_TIMEOUT: "abc" }, names: "WS_TIMEOUT" },
    { env: { WS_TIMEOUT: "Infinity" }, names: "WS_TIMEOUT" },
    { env: { WS_PING_MS: "3600001" }, names: "WS_PING_MS" },
    { env: { WS_PING_MS: "-5" }, names: "WS_PING_MS" },
    { env: { WS_PONG_WAIT_MS: "0" }, names: "WS_PONG_WAIT_MS" },
    { env: { WS_PONG_WAIT_MS: "600001" }, names: "WS_PONG_WAIT_MS" },
    { env: { WS_MAX_MESSAGE_BYTES: "255" }, names: "WS_MAX_MESSAGE_BYTES" },
    {
      env: { WS_MAX_MESSAGE_BYTES: "67108865" },
      names: "WS_MAX_MESSAGE_BYTES",
    },
    { env: { SHUTDOWN_GRACE_MS: "600001" }, names: "SHUTDOWN_GRACE_MS" },
    { env: { SHUTDOWN_GRACE_MS: "1.5" }, names: "SHUTDOWN_GRACE_MS" },
    { env: { HUB_HISTORY: "0" }, names: "HUB_HISTORY" },
    { env: { HUB_HISTORY: "many" }, names: "HUB_HISTORY" },
    { env: { HUB_PRESENCE_MS: "60001" }, names: "HUB_PRESENCE_MS" },
    { env: { HUB_PRESENCE_MS: "-1" }, names: "HUB_PRESENCE_MS" },
    { env: { DATA_SYNC: "off" }, names: "DATA_SYNC" },
    { env: { WS_MAX_BUFFERED_BYTES: "1000" }, names: "WS_MAX_BUFFERED_BYTES" },
    { env: { WS_SLOW_CONSUMER_MS: "0" }, names: "WS_SLOW_CONSUMER_MS" },
    { env: { SAY_MAX_CHARS: "0" }, names: "SAY_MAX_CHARS" },
    { env: { SAY_MAX_CHARS: "20001" }, names: "SAY_MAX_CHARS" },
    { env: { SAY_MAX_CHARS: "1.5" }, names: "SAY_MAX_CHARS" },
    { env: { TLS_CERT: "cert.pem" }, names: "TLS_KEY" },
    { env: { TLS_KEY: "key.pem" }, names: "TLS_CERT" },
    { env: { TLS_CERT: "cert.pem", TLS_KEY: "" }, names: "TLS_KEY" },
    { env: { ALLOWED_ORIGINS: "ui.example" }, names: "ALLOWED_ORIGINS" },
    {
      env: { ALLOWED_ORIGINS: "https://ui.example/app" },
      names: "ALLOWED_ORIGINS",
    },
    {
      env: { WS_MAX_CONNECTIONS_PER_IP: "-1" },
      names: "WS_MAX_CONNECTIONS_PER_IP",
    },
    {
      env: { WS_MAX_CONNECTIONS_PER_IP: "lots" },
      names: "WS_MAX_CONNECTIONS_PER_IP",
    },
    { env: { HTTP_RATE_LIMIT: "2.5" }, names: "HTTP_RATE_LIMIT" },
    { env: { HTTP_RATE_LIMIT: "-1" }, names: "HTTP_RATE_LIMIT" },
    { env: { HTTP_RATE_BURST: "0" }, names: "HTTP_RATE_BURST" },
    {
      env: { HTTP_HEADER_TIMEOUT_MS: "-1" },
      names: "HTTP_HEADER_TIMEOUT_MS",
    },
    {
      env: { HTTP_HEADER_TIMEOUT_MS: "600001" },
      names: "HTTP_HEADER_TIMEOUT_MS",
    },
    { env: { MAX_CONNECTIONS_PER_IP: "1.5" }, names: "MAX_CONNECTIONS_PER_IP" },
    { args: ["--port", "abc"], names: "WS_PORT" },
    { args: ["--port=70000"], names: "WS_PORT" },
    { args: ["--timeout", "-1"], names: "WS_TIMEOUT" },
    { args: ["--verbose"], names: "--verbose" },
    { args: ["--verbose=1"], names: "--verbose" },
    { args: ["9000"], names: "9000" },
    { args: ["--port"], names: "--port" },
    { args: ["--host"], names: "--host" },
    { args: ["--port", "9000", "--timeout"], names: "--timeout" },
  ];
  for (const { env = {}, args = [], names } of cases) {
    const label = `${JSON.stringify(env)} ${args.join(" ")}`;
    assertConfigError(() => readConfig(env, args), names, label);
  }
  // The unknown-flag message lists the known flags.
  assertConfigError(
    () => readConfig({}, ["--verbose"]),
    "--port",
    "lists flags",
  );
  // The message of a bad value says what is allowed.
  assertConfigError(
    () => readConfig({ WS_PORT: "70000" }),
    "0 to 65535",
    "range",
  );
});

Deno.test({
  name:
    "readConfig() refuses blank numeric values instead of reading them as 0",
  fn: () => {
    for (const name of ["WS_PORT", "WS_TIMEOUT", "SHUTDOWN_GRACE_MS"]) {
      for (const value of [" ", "\t", "\n"]) {
        let config: ServerConfig | undefined;
        try {
          config = readConfig({ [name]: value });
        } catch (error) {
          assert.ok(error instanceof ConfigError);
          assert.ok(error.message.includes(name));
          continue;
        }
        assert.deepEqual(
          config,
          OPEN_DEFAULTS,
          `${name}=${JSON.stringify(value)}`,
        );
      }
    }
  },
});

Deno.test({
  name: "readConfig() refuses a flag with an empty inline value",
  fn: () => {
    for (const flag of ["--port=", "--timeout=", "--host="]) {
      assertConfigError(() => readConfig({}, [flag]), flag.slice(0, -1), flag);
    }
  },
});

Deno.test("readConfig() takes TLS_CERT and TLS_KEY together, as paths", () => {
  const config = readConfig({ TLS_CERT: "/etc/cert.pem", TLS_KEY: "/k.pem" });
  assert.equal(config.tlsCertPath, "/etc/cert.pem");
  assert.equal(config.tlsKeyPath, "/k.pem");
  assert.deepEqual(
    { ...config, tlsCertPath: undefined, tlsKeyPath: undefined },
    OPEN_DEFAULTS,
  );
  // the message names the missing one and says both or neither
  assertConfigError(
    () => readConfig({ TLS_CERT: "/etc/cert.pem" }),
    "TLS_CERT is set but TLS_KEY is not",
    "cert only",
  );
  assertConfigError(
    () => readConfig({ TLS_KEY: "/k.pem" }),
    "TLS_KEY is set but TLS_CERT is not",
    "key only",
  );
});

Deno.test("readConfig() reads every setting of the table: an integer's bounds pass, one past them and non-integers are refused naming the variable and the range", () => {
  let integers = 0;
  for (const setting of SETTINGS) {
    const range = setting.kind.range;
    if (range === undefined) continue;
    integers++;
    for (const ok of [range.min, range.max]) {
      assert.equal(
        readConfig({ [setting.env]: String(ok) })[setting.key],
        ok,
        `${setting.env}=${ok}`,
      );
    }
    for (const bad of [range.min - 1, range.max + 1, range.min + 0.5, "ten"]) {
      assertConfigError(
        () => readConfig({ [setting.env]: String(bad) }),
        `${setting.env}=${bad} is not valid: use a whole number from ${range.min} to ${range.max}.`,
        `${setting.env}=${bad}`,
      );
    }
  }
  assert.ok(integers >= 18, `${integers} integer settings`);
});

Deno.test("readConfig() reads every choice of the table and refuses anything else naming the choices; every setting unset keeps its default", () => {
  for (const setting of SETTINGS) {
    for (const value of setting.kind.choices ?? []) {
      assert.equal(readConfig({ [setting.env]: value })[setting.key], value);
    }
    if (setting.kind.choices !== undefined) {
      assertConfigError(
        () => readConfig({ [setting.env]: "nope" }),
        `${setting.env}=nope is not valid: use ${
          setting.kind.choices.join(" or ")
        }`,
        setting.env,
      );
    }
    for (const unset of [undefined, ""]) {
      assert.deepEqual(
        readConfig({ [setting.env]: unset })[setting.key],
        OPEN_DEFAULTS[setting.key],
        `${setting.env}=${JSON.stringify(unset)}`,
      );
    }
  }
  const keys = SETTINGS.map((setting) => setting.key).sort();
  assert.deepEqual(
    keys,
    Object.keys(DEFAULT_CONFIG).sort(),
    "one row per field",
  );
});

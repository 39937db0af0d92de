/**
 * `readConfig()` refusals: invalid values and flags refused with a ConfigError
 * naming the setting, and TLS_CERT with TLS_KEY taken together.
 * @module
 */
import assert from "node:assert/strict";
import {
  ConfigError,
  readConfig,
  type ServerConfig,
} from "../src/server/mod.ts";
import { assertConfigError, OPEN_DEFAULTS } from "./_config.ts";

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

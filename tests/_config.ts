/**
 * Shared expectations for the `readConfig()` tests: the open-mode defaults, and
 * an assertion that a ConfigError names the settings at fault.
 * @module
 */
import assert from "node:assert/strict";
import {
  ConfigError,
  DEFAULT_CONFIG,
  OPEN_MODE_HOST,
  type ServerConfig,
} from "../src/server/mod.ts";

/** What readConfig() gives with no `ADMIN_TOKEN`: the defaults, on loopback. */
export const OPEN_DEFAULTS: ServerConfig = {
  ...DEFAULT_CONFIG,
  host: OPEN_MODE_HOST,
};

/** Asserts `fn` throws a ConfigError whose message contains `names`. */
export function assertConfigError(
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

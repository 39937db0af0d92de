/**
 * `readConfig()` against the settings table: every integer's bounds and every
 * choice, accepted or refused naming the variable, defaults kept when unset.
 * @module
 */
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, readConfig, SETTINGS } from "../src/server/mod.ts";
import { assertConfigError, OPEN_DEFAULTS } from "./_config.ts";

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

/**
 * The adapter's reads of private internals (src/ws/_internals.ts) were
 * verified on exact versions: this fails when deno.json, or the package
 * actually resolved, moves off them, so that they are verified again.
 * @module
 */
import assert from "node:assert/strict";
import { VERIFIED_VERSIONS } from "../src/ws/_internals.ts";

Deno.test("src/ws/_internals.ts's fast paths run on the versions they were verified on (deno.json and the resolved packages)", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
  ) as { imports: Record<string, string> };
  const lock = JSON.parse(
    await Deno.readTextFile(new URL("../deno.lock", import.meta.url)),
  ) as { npm?: Record<string, unknown> };
  for (const [name, version] of Object.entries(VERIFIED_VERSIONS)) {
    assert.equal(
      config.imports[name],
      `npm:${name}@${version}`,
      `deno.json pins ${name} at another version than ${version}: re-verify src/ws/_internals.ts`,
    );
    const resolved = Object.keys(lock.npm ?? {}).filter((key) =>
      key.startsWith(`${name}@`)
    );
    assert.ok(resolved.length > 0, `${name} is in deno.lock`);
    for (const key of resolved) {
      assert.ok(key.startsWith(`${name}@${version}`), `deno.lock has ${key}`);
    }
  }
});

/**
 * The README's configuration table is the settings table rendered
 * (`settingsTable()`). Run as a script to rewrite the README's table after
 * a deliberate change of `src/server/settings.ts`:
 *
 * ```sh
 * deno run --allow-read --allow-write=README.md tests/readme_config_test.ts
 * ```
 * @module
 */
import assert from "node:assert/strict";
import { settingsTable } from "../src/server/mod.ts";

const README = new URL("../README.md", import.meta.url);

/** The README's configuration table: its start and end offsets. */
function tableIn(readme: string): [number, number] {
  const section = readme.indexOf("## Configuration");
  const start = readme.indexOf("| Setting ", section);
  const end = readme.indexOf("\n\n", start);
  return [start, end];
}

Deno.test("README's configuration table is the settings table (src/server/settings.ts), row for row", async () => {
  const readme = await Deno.readTextFile(README);
  const [start, end] = tableIn(readme);
  assert.ok(start > 0, "the README has a configuration table");
  assert.equal(
    readme.slice(start, end),
    settingsTable(),
    "run `deno run --allow-read --allow-write=README.md tests/readme_config_test.ts` to rewrite it",
  );
});

if (import.meta.main) {
  const readme = await Deno.readTextFile(README);
  const [start, end] = tableIn(readme);
  await Deno.writeTextFile(
    README,
    readme.slice(0, start) + settingsTable() + readme.slice(end),
  );
  console.log("README.md: configuration table rewritten");
}

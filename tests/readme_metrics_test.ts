/**
 * The README's Metrics table is the metric table rendered
 * (`metricsTable()`). Run as a script to rewrite the README's table after a
 * deliberate change of `src/server/metric_table.ts`:
 *
 * ```sh
 * deno run --allow-read --allow-write=README.md tests/readme_metrics_test.ts
 * ```
 * @module
 */
import assert from "node:assert/strict";
import { metricsTable } from "../src/server/mod.ts";

const README = new URL("../README.md", import.meta.url);

/** The README's metrics table: its start and end offsets. */
function tableIn(readme: string): [number, number] {
  const section = readme.indexOf("\n## Metrics\n");
  const start = readme.indexOf("| Metric ", section);
  const end = readme.indexOf("\n\n", start);
  return [start, end];
}

Deno.test("README's Metrics table is the metric table (src/server/metric_table.ts), row for row", async () => {
  const readme = await Deno.readTextFile(README);
  const [start, end] = tableIn(readme);
  assert.ok(start > 0, "the README has a metrics table");
  assert.equal(
    readme.slice(start, end),
    metricsTable(),
    "run `deno run --allow-read --allow-write=README.md tests/readme_metrics_test.ts` to rewrite it",
  );
});

if (import.meta.main) {
  const readme = await Deno.readTextFile(README);
  const [start, end] = tableIn(readme);
  await Deno.writeTextFile(
    README,
    readme.slice(0, start) + metricsTable() + readme.slice(end),
  );
  console.log("README.md: metrics table rewritten");
}

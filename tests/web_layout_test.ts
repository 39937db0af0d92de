import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const WEB = fileURLToPath(new URL("../web/", import.meta.url));

/** The packages the browser code may use (chart.js: the leaderboard's charts). */
const PACKAGES = /^(preact(\/.*)?|@trpc\/client|superjson|chart\.js)$/;

Deno.test("web/ imports only web/, the types of src/mod.ts and its browser packages (never server code)", async () => {
  const violations: string[] = [];
  for await (const entry of Deno.readDir(WEB)) {
    if (!/\.tsx?$/.test(entry.name)) continue;
    const source = await Deno.readTextFile(`${WEB}${entry.name}`);
    const imports = source.matchAll(
      /(?:^|\n)\s*(import|export)(\s+type)?[^"';]*?from\s+["']([^"']+)["']/g,
    );
    for (const [, , typeOnly, spec] of imports) {
      if (spec === "../src/mod.ts") {
        if (typeOnly === undefined) {
          violations.push(`${entry.name}: import type from ../src/mod.ts`);
        }
      } else if (spec?.startsWith("../")) {
        violations.push(`${entry.name} imports ${spec}`);
      } else if (!spec?.startsWith("./") && !PACKAGES.test(spec ?? "")) {
        violations.push(`${entry.name} imports package ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

/** The model and what it imports: no DOM, so tests can import them. */
const PURE = new Set([
  "model.ts",
  "replay_step.ts",
  "i18n.ts",
  "_words_en.ts",
  "_words_fr.ts",
  "routes.ts",
  "leaderboard_model.ts",
  "operator_model.ts",
  "_words_operator.ts",
]);

Deno.test('web/ files that use the DOM say so (`/// <reference lib="dom" />`), and the model does not use it, so tests can import it', async () => {
  const missing: string[] = [];
  for await (const entry of Deno.readDir(WEB)) {
    if (!/\.tsx?$/.test(entry.name)) continue;
    const source = await Deno.readTextFile(`${WEB}${entry.name}`);
    const dom = source.startsWith('/// <reference lib="dom" />');
    const pure = PURE.has(entry.name) || entry.name.startsWith("_fold");
    if (dom === pure) missing.push(entry.name);
  }
  assert.deepEqual(missing, []);
});

/**
 * The README's table of requests says what the engine's table
 * (`REQUEST_RULES`, which its checks read) says: one row per request, in
 * its order, with the procedure, the `game.act` kinds and every text.
 * @module
 */
import assert from "node:assert/strict";
import { REQUESTS } from "../src/contract/mod.ts";
import { REQUEST_RULES } from "../src/engine/mod.ts";

const README = await Deno.readTextFile(
  new URL("../README.md", import.meta.url),
);

/** The rows of the first table under `heading`, cells trimmed. */
function rows(heading: string): string[][] {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has ${heading}`);
  const lines = README.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const table: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    table.push(
      line.split(" | ").map((cell) => cell.replace(/^\| ?| ?\|$/g, "").trim()),
    );
  }
  return table;
}

Deno.test("README's table of requests is REQUEST_RULES: every request once, in its order, with its procedure, kinds, answers, default and end of turn", () => {
  const table = rows("### Requests");
  assert.deepEqual(
    table.map(([request]) => request),
    Object.keys(REQUEST_RULES).map((r) => `\`${r}\``),
  );
  assert.deepEqual(Object.keys(REQUEST_RULES).sort(), [...REQUESTS].sort());
  for (const [request, asked, via, answers, atDeadline, ends] of table) {
    const rule =
      REQUEST_RULES[request!.replaceAll("`", "") as keyof typeof REQUEST_RULES];
    const kinds = rule.kinds.map((k) => `\`${k}\``).join(", ");
    assert.deepEqual(
      { asked, via, answers, atDeadline, ends },
      {
        asked: rule.asked,
        via: `\`game.${rule.via}\`${kinds === "" ? "" : ` (${kinds})`}`,
        answers: rule.answers,
        atDeadline: rule.atDeadline,
        ends: rule.ends,
      },
      request,
    );
  }
});

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ENGINE = fileURLToPath(new URL("../src/engine/", import.meta.url));

async function sources(): Promise<[name: string, source: string][]> {
  const found: [string, string][] = [];
  for await (const entry of Deno.readDir(ENGINE)) {
    if (entry.isFile && entry.name.endsWith(".ts")) {
      found.push([
        entry.name,
        await Deno.readTextFile(`${ENGINE}${entry.name}`),
      ]);
    }
  }
  return found.sort(([a], [b]) => a.localeCompare(b));
}

const FORBIDDEN = [
  "Deno.",
  "Date.now",
  "new Date",
  "Math.random",
  "setTimeout",
  "setInterval",
  "performance.now",
  "crypto.",
  "fetch(",
  "globalThis",
];

Deno.test("src/engine/ imports only the contract, its own files and unhomoglyph, and touches no clock, RNG or I/O", async () => {
  const violations: string[] = [];
  const files = await sources();
  assert.ok(files.length >= 10);
  for (const [name, source] of files) {
    for (
      const match of source.matchAll(
        /(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g,
      )
    ) {
      const spec = match[1] ?? match[2] ?? "";
      const local = /^\.\/[a-z0-9_]+\.ts$/.test(spec);
      const contract = /^\.\.\/contract\/[a-z0-9_]+\.ts$/.test(spec);
      // The one package: unhomoglyph is Unicode's confusables.txt as JSON
      // and one String.replace (no I/O, no state), for the speech rule.
      const data = spec === "unhomoglyph";
      if (!local && !contract && !data) {
        violations.push(`${name} imports ${spec}`);
      }
    }
    for (const word of FORBIDDEN) {
      if (source.includes(word)) violations.push(`${name} mentions ${word}`);
    }
  }
  assert.deepEqual(violations, []);
});

Deno.test("src/engine/ files are snake_case, at most 300 lines, with JSDoc on every export", async () => {
  const violations: string[] = [];
  for (const [name, source] of await sources()) {
    if (!/^_?[a-z0-9]+(_[a-z0-9]+)*\.ts$/.test(name)) {
      violations.push(`${name}: not snake_case`);
    }
    const lines = source.split("\n");
    if (lines.length > 300) violations.push(`${name}: ${lines.length} lines`);
    lines.forEach((line, i) => {
      if (
        /^export ((async )?function|const|let|class|interface|type \w)/.test(
          line,
        ) && !/\*\/\s*$/.test(lines[i - 1] ?? "")
      ) {
        violations.push(`${name}:${i + 1}: export without JSDoc`);
      }
    });
  }
  assert.deepEqual(violations, []);
});

Deno.test("src/engine/mod.ts exports exactly the public API", async () => {
  const mod = await import("../src/engine/mod.ts");
  assert.deepEqual(Object.keys(mod).sort(), [
    "DEFAULT_MAX_SAY_CHARS",
    "REQUEST_RULES",
    "RULE_DEFAULTS",
    "awaiting",
    "cleanSpeech",
    "decide",
    "defaultRoles",
    "evolve",
    "initialState",
    "nameRefusal",
    "namedIn",
    "nextDeadline",
    "numbered",
    "redact",
    "replay",
    "roleList",
    "rulesOf",
    "rulesText",
    "seededRandom",
    "summaryOf",
    "usageTotals",
    "validateRoles",
    "viewOf",
    "viewerLog",
    "viewerSeqOf",
    "visibleSeqs",
  ]);
});

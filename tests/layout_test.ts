import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));
const LAYERS = [
  "ws",
  "kit",
  "contract",
  "scoring",
  "engine",
  "hub",
  "game",
  "store",
  "redis",
  "api",
  "legacy",
  "server",
] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import: lower layers and these packages. */
const ALLOWED: Record<Layer, { layers: Layer[]; packages: RegExp }> = {
  // the generic adapter: tRPC's public entry points, superjson, Deno; no ../
  ws: { layers: [], packages: /^(@trpc\/server(\/[a-z]+)?|superjson)$/ },
  // generic building blocks (Mailbox, deepFreeze): nothing imported
  kit: { layers: [], packages: /^$/ },
  contract: { layers: [], packages: /^zod$/ },
  // pure scoring of ended games (the server's and the runner's): the
  // contract, zod for the results' schema, and the rating library
  scoring: {
    layers: ["contract"],
    packages: /^(zod|openskill|openskill\/models)$/,
  },
  // unhomoglyph: data only (Unicode confusables.txt as JSON and one replace), no I/O
  engine: { layers: ["contract"], packages: /^unhomoglyph$/ },
  hub: { layers: ["contract", "kit", "ws"], packages: /^$/ },
  // scoring: the tournaments' schedule and results (tournament_service.ts)
  game: {
    layers: ["contract", "scoring", "engine", "hub", "kit"],
    packages: /^$/,
  },
  store: { layers: ["contract", "game"], packages: /^node:sqlite$/ },
  // the game store on Redis: npm redis (node-redis) only
  redis: { layers: ["contract", "game"], packages: /^redis$/ },
  // the engine only through the game's rooms (view, summary, awaited, play)
  api: {
    layers: ["contract", "scoring", "hub", "game"],
    packages: /^(zod|superjson|@trpc\/server)$/,
  },
  // the original protocol, on the adapter's socket core, through the router
  legacy: {
    layers: ["contract", "hub", "game", "api", "ws"],
    packages: /^(@trpc\/server(\/.*)?|zod|superjson)$/,
  },
  // the composition root: routes, TLS, guard, configuration, log
  server: {
    layers: [
      "contract",
      "scoring",
      "hub",
      "game",
      "store",
      "redis",
      "api",
      "legacy",
      "ws",
    ],
    // prom-client and @opentelemetry/api: here only, the rest reports through observers
    packages:
      /^(@trpc\/server(\/.*)?|superjson|node:.*|prom-client|@opentelemetry\/api)$/,
  },
};

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) yield* files(`${path}/`);
    else if (path.endsWith(".ts")) yield path;
  }
}

function importsOf(source: string): string[] {
  const found = [];
  for (
    const match of source.matchAll(
      /(?:^|\n)\s*(?:import|export)[^"';]*?from\s+["']([^"']+)["']/g,
    )
  ) {
    found.push(match[1] as string);
  }
  // a dynamic import (a module loaded only when needed) obeys the same rules
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    found.push(match[1] as string);
  }
  return found;
}

Deno.test("src/ layers import only downward and only their allowed packages", async () => {
  const violations: string[] = [];
  for (const layer of LAYERS) {
    for await (const file of files(`${SRC}${layer}/`)) {
      const source = await Deno.readTextFile(file);
      for (const spec of importsOf(source)) {
        if (spec.startsWith(".")) {
          const target =
            new URL(spec, `file://${file}`).pathname.slice(SRC.length).split(
              "/",
            )[0];
          if (
            target !== layer && !ALLOWED[layer].layers.includes(target as Layer)
          ) {
            violations.push(
              `${file.slice(SRC.length)} imports ${spec} (layer ${target})`,
            );
          }
        } else if (!ALLOWED[layer].packages.test(spec)) {
          violations.push(`${file.slice(SRC.length)} imports package ${spec}`);
        }
      }
    }
  }
  assert.deepEqual(violations, []);
});

Deno.test("src/ outside ws/, legacy/ and server/ never touches Deno.*, and file names are snake_case with no index.ts", async () => {
  const violations: string[] = [];
  for await (const file of files(SRC)) {
    const relative = file.slice(SRC.length);
    const name = relative.split("/").pop() as string;
    if (!/^_?[a-z0-9]+(_[a-z0-9]+)*\.ts$/.test(name) || name === "index.ts") {
      violations.push(`${relative}: not a snake_case module name`);
    }
    if (/^(ws|legacy|server)\//.test(relative)) continue;
    const source = await Deno.readTextFile(file);
    if (/\bDeno\./.test(source)) violations.push(`${relative} uses Deno.*`);
  }
  assert.deepEqual(violations, []);
});

Deno.test("src/ws/ (the adapter) imports nothing of the application: no ../ import, only tRPC's public entry points and superjson", async () => {
  const violations: string[] = [];
  for await (const file of files(`${SRC}ws/`)) {
    for (const spec of importsOf(await Deno.readTextFile(file))) {
      if (spec.startsWith("../")) {
        violations.push(`${file.slice(SRC.length)} imports ${spec}`);
      }
      if (!spec.startsWith(".") && /unstable-core-do-not-import/.test(spec)) {
        violations.push(`${file.slice(SRC.length)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

Deno.test("no console.* in src/ outside src/server/: the rest reports through what the server passes it", async () => {
  const violations: string[] = [];
  for await (const file of files(SRC)) {
    const relative = file.slice(SRC.length);
    if (relative.startsWith("server/")) continue;
    const code = (await Deno.readTextFile(file)).split("\n").filter((line) =>
      !/^\s*(\*|\/\/)/.test(line)
    ).join("\n");
    if (/\bconsole\./.test(code)) violations.push(`${relative} uses console`);
  }
  assert.deepEqual(violations, []);
});

Deno.test("src/mod.ts exports the contract, the pure scoring and only the type of the router", async () => {
  const source = await Deno.readTextFile(`${SRC}mod.ts`);
  const lines = source.split("\n").filter((line) => /^\s*export /.test(line));
  assert.deepEqual(lines, [
    'export * from "./contract/mod.ts";',
    'export type { AppRouter } from "./api/router.ts";',
    'export * from "./scoring/mod.ts";',
  ]);
});

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * What a client folder (`agents/`, `tournament/`) breaks of its rule: a
 * module name that is not snake_case, a relative import outside the folder
 * but to one of `entries`, a package `packages` does not allow.
 */
async function clientViolations(
  folder: string,
  rule: { entries: readonly string[]; packages: RegExp },
): Promise<string[]> {
  const dir = `${ROOT}${folder}`;
  const violations: string[] = [];
  for await (const file of files(dir)) {
    const relative = `${folder}${file.slice(dir.length)}`;
    const name = relative.split("/").pop() as string;
    if (!/^_?[a-z0-9]+(_[a-z0-9]+)*\.ts$/.test(name)) {
      violations.push(`${relative}: not a snake_case module name`);
    }
    for (const spec of importsOf(await Deno.readTextFile(file))) {
      if (spec.startsWith(".")) {
        const target = new URL(spec, `file://${file}`).pathname.slice(
          ROOT.length,
        );
        if (!rule.entries.includes(target) && !target.startsWith(folder)) {
          violations.push(`${relative} imports ${spec}`);
        }
      } else if (!rule.packages.test(spec)) {
        violations.push(`${relative} imports package ${spec}`);
      }
    }
  }
  return violations;
}

/** The packages agents/ may use: the client, its codec, zod and the model's SDK. */
const AGENT_PACKAGES =
  /^(@trpc\/client|@trpc\/server\/observable|superjson|zod|openai|node:util)$/;

Deno.test("agents/ imports only agents/, src/mod.ts and its client packages (never server code), with snake_case names", async () => {
  assert.deepEqual(
    await clientViolations("agents/", {
      entries: ["src/mod.ts"],
      packages: AGENT_PACKAGES,
    }),
    [],
  );
});

/**
 * The packages tournament/ may use: the client, its codec, zod and the
 * rating library. Besides its own files it imports `src/mod.ts` and
 * `agents/mod.ts` (client code itself: the agents' output modes, and the
 * runner's agents), never server code nor another folder's internals.
 */
const TOURNAMENT_PACKAGES =
  /^(@trpc\/client|superjson|zod|openskill|openskill\/models|node:util)$/;

Deno.test("tournament/ imports only tournament/, src/mod.ts, agents/mod.ts and its client packages, with snake_case names", async () => {
  assert.deepEqual(
    await clientViolations("tournament/", {
      entries: ["src/mod.ts", "agents/mod.ts"],
      packages: TOURNAMENT_PACKAGES,
    }),
    [],
  );
});

/** Packages only the benchmark and the tests may import (tooling, not product). */
const BENCH_ONLY = /^gpt-tokenizer(\/.*)?$/;

Deno.test("gpt-tokenizer (the arena benchmark's token counter) is imported only from bench/ and tests/", async () => {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const violations: string[] = [];
  async function* sources(dir: string): AsyncGenerator<string> {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) yield* sources(`${path}/`);
      else if (/\.(ts|tsx|js|mjs)$/.test(path)) yield path;
    }
  }
  const places = ["src/", "agents/", "web/", "examples/", "tournament/"];
  for (const place of places) {
    for await (const file of sources(`${root}${place}`)) {
      for (const spec of importsOf(await Deno.readTextFile(file))) {
        if (BENCH_ONLY.test(spec)) {
          violations.push(`${file.slice(root.length)} imports ${spec}`);
        }
      }
    }
  }
  for (const spec of importsOf(await Deno.readTextFile(`${root}main.ts`))) {
    if (BENCH_ONLY.test(spec)) violations.push(`main.ts imports ${spec}`);
  }
  assert.deepEqual(violations, []);
  const arena = await Deno.readTextFile(`${root}bench/arena.ts`);
  assert.ok(
    importsOf(arena).some((spec) => BENCH_ONLY.test(spec)),
    "bench/arena.ts counts tokens with gpt-tokenizer",
  );
});

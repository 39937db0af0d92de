/**
 * A project outside the repository can use the typed client: with the
 * imports of `examples/client_deno.json` as its deno.json, a copy of
 * `examples/client.ts` that imports `src/mod.ts` by path type-checks clean.
 * @module
 */
import assert from "node:assert/strict";
import { within } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url);

async function importsOf(path: string): Promise<Record<string, string>> {
  const text = await Deno.readTextFile(new URL(path, ROOT));
  return (JSON.parse(text) as { imports: Record<string, string> }).imports;
}

/** The bare specifiers (npm packages) that files below `dir` import. */
async function bareImports(
  dir: URL,
  found = new Set<string>(),
): Promise<Set<string>> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) await bareImports(url, found);
    else if (entry.name.endsWith(".ts")) {
      const text = await Deno.readTextFile(url);
      for (const [, spec] of text.matchAll(/from "([^".][^"]*)"/g)) {
        if (!spec!.startsWith("node:")) found.add(spec!);
      }
    }
  }
  return found;
}

Deno.test("examples/client_deno.json pins the repository's versions and covers every package src/ imports", async () => {
  const ours = await importsOf("deno.json");
  const outside = await importsOf("examples/client_deno.json");
  for (const [name, target] of Object.entries(outside)) {
    assert.equal(target, ours[name], `${name} differs from deno.json`);
  }
  for (const spec of await bareImports(new URL("src/", ROOT))) {
    const covered = spec in outside ||
      Object.keys(outside).some((key) =>
        key.endsWith("/") && spec.startsWith(key)
      );
    assert.ok(
      covered,
      `src/ imports ${spec}: add it to examples/client_deno.json`,
    );
  }
  assert.ok("@trpc/client" in outside);
});

Deno.test("a project outside the repository type-checks examples/client.ts against src/mod.ts with examples/client_deno.json", async () => {
  const dir = await Deno.makeTempDir({ prefix: "loup-garou-outside-" });
  try {
    await Deno.copyFile(
      new URL("examples/client_deno.json", ROOT),
      `${dir}/deno.json`,
    );
    const client = await Deno.readTextFile(new URL("examples/client.ts", ROOT));
    const entry = new URL("src/mod.ts", ROOT).href;
    assert.match(client, /from "\.\.\/src\/mod\.ts"/);
    await Deno.writeTextFile(
      `${dir}/client.ts`,
      client.replace(`from "../src/mod.ts"`, `from "${entry}"`),
    );
    const output = await within(
      new Deno.Command(Deno.execPath(), {
        args: ["check", "client.ts"],
        cwd: dir,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output(),
      120_000,
      "deno check outside the repository",
    );
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

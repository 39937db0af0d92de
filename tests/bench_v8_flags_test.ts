import assert from "node:assert/strict";
import { startV8Flags } from "../bench/_v8_flags.ts";

const ROOT = new URL("..", import.meta.url).pathname;

Deno.test("startV8Flags() reads the V8 flags of deno.json's start task, which the benchmark gives our server and the dev and compile tasks share, and none from a tree without them", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const flags = startV8Flags(ROOT);
  assert.ok(flags.length > 0, "the start task sets V8 flags");
  for (const flag of flags) {
    assert.match(flag, /^--v8-flags=/);
    assert.ok(config.tasks.start.includes(flag));
    assert.ok(config.tasks.compile.includes(flag), "the binary runs the same");
    assert.ok(config.tasks.dev.includes(flag), "the README's dev task too");
  }
  const bare = await Deno.makeTempDir();
  try {
    assert.deepEqual(startV8Flags(bare), [], "no deno.json");
    await Deno.writeTextFile(
      `${bare}/deno.json`,
      JSON.stringify({ tasks: { start: "deno run -A main.ts" } }),
    );
    assert.deepEqual(startV8Flags(bare), []);
  } finally {
    await Deno.remove(bare, { recursive: true });
  }
});

/**
 * The README's table of game events lists exactly the contract's event
 * types, each with exactly its schema's fields.
 * @module
 */
import assert from "node:assert/strict";
import { GameEventSchema } from "../src/mod.ts";

Deno.test("README's Game events table lists every GameEventSchema type with exactly its fields", async () => {
  const readme = await Deno.readTextFile(
    new URL("../README.md", import.meta.url),
  );
  const start = readme.indexOf("### Game events");
  assert.ok(start >= 0, "the README has a Game events section");
  const section = readme.slice(start, readme.indexOf("\n### ", start + 1));
  const rows = new Map(
    [...section.matchAll(/^\| `([a-z_]+)`\s*\|[^|]+\| `([^`]*)`\s*\|$/gm)].map(
      (m) => [m[1]!, m[2]!.split(", ")],
    ),
  );
  const schema = new Map(
    GameEventSchema.options.map((option) => [
      option.shape.type.value as string,
      Object.keys(option.shape).filter((key) =>
        !["type", "seq", "at"].includes(key)
      ),
    ]),
  );
  assert.deepEqual([...rows.keys()].sort(), [...schema.keys()].sort());
  for (const [type, fields] of schema) {
    assert.deepEqual(rows.get(type), fields, type);
  }
});

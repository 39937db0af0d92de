import assert from "node:assert/strict";
import { ActiveCalls } from "../src/ws/_active_calls.ts";

Deno.test("ActiveCalls holds calls by id as a Map does, the first in its slot and the rest beside it", () => {
  const calls = new ActiveCalls<string | null>();
  assert.equal(calls.has(1), false);
  calls.set(1, null);
  calls.set("a", "sub a");
  calls.set(2, "sub 2");
  assert.equal(calls.has(1), true);
  assert.equal(calls.get(1), null, "a query's null is its value, not a miss");
  assert.equal(calls.get("a"), "sub a");
  assert.equal(calls.get(3), undefined);
  calls.delete(1);
  assert.equal(calls.has(1), false);
  assert.equal(calls.get("a"), "sub a", "the others stay");
  calls.set(3, "sub 3"); // the free slot is reused
  assert.equal(calls.get(3), "sub 3");
  calls.delete("a");
  assert.equal(calls.has("a"), false);
  assert.deepEqual(calls.takeAll().sort(), ["sub 2", "sub 3"]);
  assert.equal(calls.has(2), false);
  assert.equal(calls.has(3), false);
  assert.deepEqual(calls.takeAll(), []);
});

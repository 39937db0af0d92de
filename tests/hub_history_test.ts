/**
 * The hub's replay `History`: `lostUpTo`, `size`, `after()` with gaps, weights
 * counted against the capacity, and order across compaction.
 * @module
 */
import assert from "node:assert/strict";
import { History } from "../src/hub/_history.ts";
import { label, say } from "./_hub.ts";

function seqs(history: History, after: number): number[] {
  return [...history.after(after)].map((e) => e.seq);
}

/** Appends `say(text)` as entry `seq` to everyone; returns the entry. */
function add(history: History, seq: number, text: string, weight = 1) {
  return history.append({ seq, route: {}, message: say(text) }, weight);
}

Deno.test("History.lostUpTo and History.size follow the appended entries", () => {
  const history = new History(3);
  assert.equal(history.lostUpTo, 0);
  assert.equal(history.size, 0);
  assert.deepEqual(seqs(history, 0), []);
  const entry = history.append({
    seq: 1,
    route: { to_client: "a1" },
    message: say("m1"),
  });
  assert.equal(entry.seq, 1);
  assert.deepEqual(entry.route, { to_client: "a1" });
  assert.equal(label(entry.message), "m1");
  add(history, 2, "m2");
  add(history, 3, "m3");
  assert.equal(history.lostUpTo, 0);
  assert.equal(history.size, 3);
  add(history, 4, "m4");
  assert.equal(history.lostUpTo, 1);
  assert.equal(history.size, 3);
});

Deno.test("History.after() returns the kept entries after seq, with gaps in the numbers", () => {
  const history = new History(3);
  // another history (presence) took the odd numbers: this one has gaps
  for (let seq = 2; seq <= 16; seq += 2) add(history, seq, `m${seq}`);
  assert.equal(history.lostUpTo, 10);
  const cases: [number, number[]][] = [
    [0, [12, 14, 16]],
    [10, [12, 14, 16]],
    [11, [12, 14, 16]],
    [12, [14, 16]],
    [13, [14, 16]],
    [15, [16]],
    [16, []],
    [100, []],
    [-5, [12, 14, 16]],
  ];
  for (const [after, expect] of cases) {
    assert.deepEqual(seqs(history, after), expect, `after(${after})`);
  }
  assert.deepEqual(
    [...history.after(12)].map((e) => label(e.message)),
    ["m14", "m16"],
  );
});

Deno.test("History counts each entry's weight against its capacity, and keeps the newest", () => {
  const history = new History(10);
  add(history, 1, "a", 4);
  add(history, 2, "b", 4);
  add(history, 3, "c", 2);
  assert.deepEqual(seqs(history, 0), [1, 2, 3]);
  add(history, 4, "d", 1); // 11 > 10: a goes
  assert.deepEqual(seqs(history, 0), [2, 3, 4]);
  assert.equal(history.lostUpTo, 1);
  add(history, 5, "e", 50); // heavier than the capacity: kept alone
  assert.deepEqual(seqs(history, 0), [5]);
  assert.equal(history.lostUpTo, 4);
});

Deno.test("History with capacity below 1 keeps one entry", () => {
  for (const capacity of [0, -3]) {
    const history = new History(capacity);
    add(history, 1, "a");
    add(history, 2, "b");
    assert.equal(history.lostUpTo, 1);
    assert.equal(history.size, 1);
    assert.deepEqual([...history.after(0)].map((e) => label(e.message)), ["b"]);
  }
});

Deno.test("History keeps its order across many entries (compaction)", () => {
  const history = new History(100);
  for (let seq = 1; seq <= 5000; seq++) add(history, seq, `m${seq}`);
  assert.equal(history.size, 100);
  assert.equal(history.lostUpTo, 4900);
  assert.deepEqual(seqs(history, 4997), [4998, 4999, 5000]);
  assert.equal(seqs(history, 0)[0], 4901);
});

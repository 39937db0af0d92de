/**
 * `namedIn` (who a speech names, for bidding ties) and the RNG skip that
 * folds a draw `decide` made.
 * @module
 */
import assert from "node:assert/strict";
import type { PlayerId } from "../src/contract/mod.ts";
import { namedIn } from "../src/engine/mod.ts";
import {
  rngNext,
  rngPick,
  rngShuffle,
  rngSkip,
  shuffleDraws,
} from "../src/engine/_rng.ts";

const SEATS: { id: PlayerId; name: string }[] = [
  { id: "p1", name: "Alice" },
  { id: "p2", name: "Léa" },
  { id: "p3", name: "Chloé" },
  { id: "p12", name: "Jean-Paul" },
  { id: "p5", name: "Bob II" },
];

const CASES: [text: string, named: PlayerId[]][] = [
  ["I suspect alice.", ["p1"]],
  ["P3 is lying, and so is p12", ["p3", "p12"]],
  ["p1's vote was odd", ["p1"]],
  ["Léandre is not a player, nor is p123", []],
  ["Chloe without the accent names nobody", []],
  ["jean-paul and BOB II, explain yourselves", ["p12", "p5"]],
  ["Bob is not Bob II", ["p5"]],
  ["", []],
];

for (const [text, named] of CASES) {
  Deno.test(`namedIn() finds ${JSON.stringify(named)} in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(namedIn(text, SEATS), named);
  });
}

Deno.test("namedIn() leaves out the speaker and answers in seat order", () => {
  assert.deepEqual(namedIn("Léa, p1 and I (Alice) agree", SEATS, "p1"), [
    "p2",
  ]);
  assert.deepEqual(namedIn("Bob II then Alice", SEATS), ["p1", "p5"]);
});

Deno.test("rngSkip() lands where the draws it skips would, for the shuffle and the pick", () => {
  for (const seed of [0, 1, 7, 2 ** 32 - 1, 123_456_789]) {
    let state = seed;
    for (let draws = 0; draws < 40; draws++) {
      assert.equal(rngSkip(seed, draws), state, `${seed} + ${draws}`);
      state = rngNext(state)[1];
    }
    for (const n of [0, 1, 2, 5, 18]) {
      const items = Array.from({ length: n }, (_, i) => i);
      assert.equal(rngSkip(seed, shuffleDraws(n)), rngShuffle(seed, items)[1]);
    }
    assert.equal(rngSkip(seed, 1), rngPick(seed, ["a", "b"])[1]);
  }
});

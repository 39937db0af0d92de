/**
 * The scoring's statistics: the 95% Wilson score interval, and nearest-rank
 * percentiles.
 * @module
 */
import assert from "node:assert/strict";
import { nearestRank, percentileInterval, wilson } from "../tournament/mod.ts";
import { near } from "./_tournament_scoring.ts";

Deno.test("wilson gives the 95% Wilson score interval, null with no games", () => {
  // z = 1.959964, z² = 3.841459. 1 of 2: p = .5, z²/n = 1.920729, center
  // (.5 + .960365) / 2.920729 = .5, half = z·sqrt(.125 + .240091) / 2.920729
  // = .405469: [.0945, .9055].
  const half = wilson(1, 2);
  near(half.low, 0.0945);
  near(half.high, 0.9055);
  assert.equal(half.rate, 0.5);
  // 2 of 3: center (.666667 + .640243) / 2.280486 = .573084, half =
  // z·sqrt(.074074 + .106707) / 2.280486 = .365424: [.2077, .9385].
  near(wilson(2, 3).low, 0.2077);
  near(wilson(2, 3).high, 0.9385);
  // 1 of 1: center (1 + 1.920729) / 2.920729 = 1, half = z·sqrt(.960365)
  // / 2.920729 = .657645 ... clamped to 1: [.2065, 1].
  near(wilson(1, 1).low, 0.2065);
  assert.equal(wilson(1, 1).high, 1);
  near(wilson(0, 1).high, 0.7935);
  assert.equal(wilson(0, 1).low, 0);
  assert.deepEqual(wilson(0, 0), {
    games: 0,
    wins: 0,
    rate: null,
    low: null,
    high: null,
  });
});

Deno.test("nearestRank is the ceil(q·n)-th smallest; percentileInterval of 200 values is the 5th and 195th", () => {
  assert.equal(nearestRank([700, 300, 500], 0.5), 500);
  assert.equal(nearestRank([700, 300, 500], 0.99), 700);
  assert.equal(nearestRank([4, 1, 3, 2], 0.5), 2);
  assert.equal(nearestRank([], 0.5), null);
  const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 .. 1
  assert.deepEqual(percentileInterval(values), { low: 5, high: 195 });
});

/**
 * `ratingsOf()`: Elo by side, OpenSkill's updates and ordering, and the
 * bootstrap's seeded intervals.
 * @module
 */
import assert from "node:assert/strict";
import { ratingsOf, readGame, scoreGames } from "../tournament/mod.ts";
import { game1, game2, game3 } from "./_tournament_games.ts";
import { near } from "./_tournament_scoring.ts";

Deno.test("ratingsOf: Elo as werewolves and as village after two and three games, OpenSkill's first update and ordering", () => {
  const opts = { resamples: 1, seed: 1 };
  const two = ratingsOf(
    [game1(), game2()].map(readGame),
    ["alpha", "beta"],
    opts,
  );
  // G1: alpha's werewolves (1500) beat beta's village (1500): E = .5, ±16.
  // G2: beta's werewolves (1500) lose to alpha's village (1500): ±16.
  assert.equal(two.get("alpha")!.elo.werewolves.rating, 1516);
  assert.equal(two.get("beta")!.elo.village.rating, 1484);
  assert.equal(two.get("beta")!.elo.werewolves.rating, 1484);
  assert.equal(two.get("alpha")!.elo.village.rating, 1516);
  const three = ratingsOf([game1(), game2(), game3()].map(readGame), [
    "alpha",
    "beta",
  ], opts);
  // G3: alpha's werewolves (1516) lose to beta's village (1484):
  // E = 1 / (1 + 10^(-32/400)) = .545922, so 1516 - 32·.545922 = 1498.5305
  // and 1484 + 32·.545922 = 1501.4695.
  near(three.get("alpha")!.elo.werewolves.rating, 1498.5305);
  near(three.get("beta")!.elo.village.rating, 1501.4695);
  // OpenSkill (Plackett–Luce, mu 25, sigma 25/3): one 1-v-1 win moves
  // mu to 27.6354 / 22.3646 and sigma to 8.0659.
  const one = ratingsOf([readGame(game1())], ["alpha", "beta"], opts);
  near(one.get("alpha")!.openskill.overall.mu, 27.6354);
  near(one.get("beta")!.openskill.overall.mu, 22.3646);
  near(one.get("alpha")!.openskill.overall.sigma, 8.0659);
  near(one.get("alpha")!.openskill.werewolves.mu, 27.6354);
  near(one.get("beta")!.openskill.village.mu, 22.3646);
  assert.equal(one.get("alpha")!.openskill.village.mu, 25); // never played as village
  const a = three.get("alpha")!.openskill.overall;
  assert.ok(
    a.mu > three.get("beta")!.openskill.overall.mu,
    "2 wins of 3 rate above 1 of 3",
  );
  near(a.ordinal, a.mu - 3 * a.sigma, 9);
});

Deno.test("ratingsOf bootstrap: the same seed gives the same intervals, another seed others; one game resampled is its own interval", () => {
  const rated = [game1(), game2(), game3(), game1(), game3()].map(readGame);
  const run = (seed: number) =>
    ratingsOf(rated, ["alpha", "beta"], { resamples: 200, seed });
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
  const alpha = run(5).get("alpha")!;
  for (const r of [alpha.openskill.overall, alpha.openskill.werewolves]) {
    assert.ok(r.low <= r.high);
  }
  const single = ratingsOf([readGame(game1())], ["alpha", "beta"], {
    resamples: 30,
    seed: 2,
  });
  const skill = single.get("alpha")!.openskill.overall;
  assert.deepEqual([skill.low, skill.high], [skill.mu, skill.mu]);
  assert.deepEqual(single.get("alpha")!.elo.werewolves, {
    rating: 1516,
    low: 1516,
    high: 1516,
  });
  // scoreGames is as deterministic, and ranks the agent that won 2 of 3 first.
  const score = () =>
    scoreGames({
      games: [game1(), game2(), game3()],
      bootstrap: { resamples: 200, seed: 5 },
    });
  assert.deepEqual(score(), score());
  assert.deepEqual(score().agents.map((x) => x.agent), ["alpha", "beta"]);
});

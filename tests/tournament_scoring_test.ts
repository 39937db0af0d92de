import assert from "node:assert/strict";
import {
  nearestRank,
  percentileInterval,
  ratingsOf,
  readGame,
  type Results,
  ResultsSchema,
  scoreGames,
  wilson,
} from "../tournament/mod.ts";
import { GameLog } from "./_game_log.ts";
import { allGames, game1, game2, game3 } from "./_tournament_games.ts";

const near = (actual: number | null, expected: number, digits = 4) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 0.5 * 10 ** -digits,
    `${actual} is not ${expected} to ${digits} decimals`,
  );

function agent(results: Results, name: string) {
  const found = results.agents.find((a) => a.agent === name);
  assert.ok(found, `no ${name} in the results`);
  return found;
}

const scored = () =>
  scoreGames({
    games: allGames(),
    refusals: { alpha: 3 },
    bootstrap: { resamples: 50, seed: 9 },
  });

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

Deno.test("readGame reads each seat's role, outcome, votes, inspections, saves, speech, defaults and usage from a hand-written log", () => {
  const g1 = readGame(game1());
  assert.equal(g1.id, "g-game1");
  assert.equal(g1.seed, 101);
  assert.equal(g1.winner, "werewolves");
  assert.equal(g1.days, 2);
  assert.equal(g1.selfPlay, false);
  assert.deepEqual(g1.causes, {
    deadline: 1,
    model_error: 0,
    invalid_output: 0,
  });
  const seat = (id: string) => g1.seats.find((s) => s.player_id === id)!;
  assert.deepEqual(
    g1.seats.map((s) => [s.player_id, s.agent, s.side, s.won, s.alive]),
    [
      ["p1", "alpha", "werewolves", true, true],
      ["p2", "alpha", "werewolves", true, true],
      ["p3", "beta", "village", false, false],
      ["p4", "beta", "village", false, true],
      ["p5", "beta", "village", false, false],
      ["p6", "beta", "village", false, true],
      ["p7", "beta", "village", false, true],
    ],
  );
  assert.deepEqual([seat("p4").votes, seat("p4").votesOnWerewolves], [2, 2]);
  assert.deepEqual([seat("p5").votes, seat("p5").votesOnWerewolves], [2, 1]);
  assert.deepEqual([seat("p6").votes, seat("p6").defaults.deadline], [0, 1]);
  assert.deepEqual([seat("p3").inspections, seat("p3").werewolvesFound], [
    1,
    1,
  ]);
  assert.equal(seat("p5").guardSaves, 1); // night 1 only: night 2 guarded p6, not p4
  assert.equal(seat("p4").witchSaves, 1);
  assert.deepEqual([seat("p1").messages, seat("p1").chars, seat("p3").chars], [
    1,
    15,
    16,
  ]);
  assert.deepEqual(seat("p1").latencies, [300]);
  assert.deepEqual([
    seat("p1").promptTokens,
    seat("p1").completionTokens,
    seat("p1").costUsd,
    seat("p1").costSamples,
  ], [100, 20, 0.002, 1]);
  assert.equal(seat("p1").actions, 5); // 2 kills, 1 speech, 2 votes
});

Deno.test("readGame credits the guard without a witch when nobody died of the werewolves, and refuses logs it cannot score", () => {
  const roles = {
    p1: "werewolf",
    p2: "guard",
    p3: "seer",
    p4: "villager",
    p5: "villager",
  } as const;
  const events = new GameLog("g-noguard", roles)
    .phase("night", 1).act("p1", "wolf_kill", "p4").act(
      "p2",
      "guard_protect",
      "p4",
    )
    .phase("dawn", 1).phase("discussion", 1)
    .phase("night", 2).act("p1", "wolf_kill", "p3").act(
      "p2",
      "guard_protect",
      "p5",
    )
    .phase("dawn", 2).died("p3", "werewolves")
    .end("werewolves");
  const seats = { p1: "a", p2: "b", p3: "b", p4: "b", p5: "b" };
  const guard = readGame({ events, seats }).seats.find((s) =>
    s.role === "guard"
  )!;
  assert.equal(guard.guardSaves, 1);
  assert.throws(
    () => readGame({ events: events.slice(0, -1), seats }),
    /without game_over/,
  );
  assert.throws(
    () => readGame({ events, seats: { ...seats, p5: undefined } as never }),
    /p5 has no agent/,
  );
  assert.throws(
    () => readGame({ events, seats: { ...seats, p9: "c" } }),
    /no seat p9/,
  );
});

Deno.test("scoreGames voids the model_error game, reports the self-play game apart and rates the other three", () => {
  const results = scored();
  assert.deepEqual(results.counts, {
    games: 5,
    rated: 3,
    selfPlay: 1,
    voided: 1,
  });
  assert.deepEqual(results.voided, ["g-game4"]);
  assert.deepEqual(results.voidCauses, ["model_error"]);
  assert.deepEqual(results.games.map((g) => [g.id, g.voided, g.selfPlay]), [
    ["g-game1", false, false],
    ["g-game2", false, false],
    ["g-game3", false, false],
    ["g-game4", true, false],
    ["g-game5", false, true],
  ]);
  assert.deepEqual(results.agents.map((a) => a.agent), ["alpha", "beta"]);
  ResultsSchema.parse(results);
  // With deadline also voiding, game 1 (a deadline default) is voided too.
  const strict = scoreGames({
    games: allGames(),
    voidCauses: ["model_error", "deadline"],
    bootstrap: { resamples: 1 },
  });
  assert.deepEqual(strict.voided, ["g-game1", "g-game4"]);
  assert.equal(agent(strict, "alpha").record.overall.games, 2);
});

Deno.test("scoreGames records: games, wins and Wilson intervals overall, per side and per role over rated games; self-play per side apart", () => {
  const results = scored();
  const alpha = agent(results, "alpha").record;
  const beta = agent(results, "beta").record;
  assert.deepEqual([alpha.overall.games, alpha.overall.wins], [3, 2]); // G1, G2 won; G3 lost
  near(alpha.overall.low, 0.2077);
  near(alpha.overall.high, 0.9385);
  assert.deepEqual([beta.overall.games, beta.overall.wins], [3, 1]);
  near(beta.overall.low, 0.0615); // 1 of 3: [.0615, .7923]
  near(beta.overall.high, 0.7923);
  assert.deepEqual([
    alpha.bySide.werewolves.games,
    alpha.bySide.werewolves.wins,
  ], [2, 1]);
  assert.deepEqual([alpha.bySide.village.games, alpha.bySide.village.wins], [
    1,
    1,
  ]);
  near(alpha.bySide.village.low, 0.2065);
  assert.deepEqual(
    [beta.bySide.werewolves.games, beta.bySide.werewolves.wins],
    [1, 0],
  );
  near(beta.bySide.werewolves.high, 0.7935);
  assert.deepEqual([beta.bySide.village.games, beta.bySide.village.wins], [
    2,
    1,
  ]);
  assert.deepEqual([
    alpha.byRole.werewolf.games,
    alpha.byRole.seer.games,
    alpha.byRole.seer.wins,
  ], [2, 1, 1]);
  assert.deepEqual([beta.byRole.villager.games, beta.byRole.villager.wins], [
    2,
    1,
  ]);
  near(beta.byRole.witch.low, 0.0945);
  for (const name of ["alpha", "beta"]) {
    const self = agent(results, name).selfPlay; // G5: the village won
    assert.equal(self.games, 1);
    assert.deepEqual([self.bySide.werewolves.wins, self.bySide.village.wins], [
      0,
      1,
    ]);
  }
});

Deno.test("scoreGames play: vote and seer accuracy, key-role survival, saves, days to win and speech over rated games", () => {
  const results = scored();
  const alpha = agent(results, "alpha").play;
  const beta = agent(results, "beta").play;
  // alpha's village (G2) voted 8 times, all on werewolves; beta's (G1: 3 of
  // 4 and 2 of 3; G3: 5 of 5) 10 of 12.
  assert.deepEqual(alpha.votes, { cast: 8, onWerewolves: 8, accuracy: 1 });
  assert.deepEqual(beta.votes, {
    cast: 12,
    onWerewolves: 10,
    accuracy: 10 / 12,
  });
  assert.deepEqual(alpha.seer, {
    inspections: 2,
    werewolvesFound: 1,
    accuracy: 0.5,
  });
  assert.deepEqual(beta.seer, {
    inspections: 2,
    werewolvesFound: 2,
    accuracy: 1,
  });
  assert.deepEqual(beta.keyRoles, {
    seer: { games: 2, survived: 1, rate: 0.5 }, // voted out in G1
    witch: { games: 2, survived: 2, rate: 1 },
    guard: { games: 2, survived: 1, rate: 0.5 }, // voted out in G1
    hunter: { games: 2, survived: 2, rate: 1 },
  });
  assert.equal(alpha.keyRoles.seer.rate, 1);
  assert.deepEqual(alpha.saves, { witch: 1, guard: 0 });
  assert.deepEqual(beta.saves, { witch: 2, guard: 2 });
  assert.deepEqual(alpha.daysToWin, { wins: 2, mean: 2 });
  assert.deepEqual(beta.daysToWin, { wins: 1, mean: 1 });
  assert.deepEqual(alpha.speech, {
    games: 3,
    messages: 2,
    chars: 26,
    messagesPerGame: 2 / 3,
    charsPerGame: 26 / 3,
  });
  assert.deepEqual(beta.speech, {
    games: 3,
    messages: 2,
    chars: 23,
    messagesPerGame: 2 / 3,
    charsPerGame: 23 / 3,
  });
});

Deno.test("scoreGames health over every game: refusals, defaults by cause, latency p50/p99, tokens and cost per game", () => {
  const results = scored();
  const alpha = agent(results, "alpha").health;
  const beta = agent(results, "beta").health;
  assert.deepEqual([
    alpha.games,
    alpha.actions,
    alpha.refusals,
    alpha.refusalsPerGame,
  ], [5, 38, 3, 0.6]);
  assert.deepEqual([
    beta.games,
    beta.actions,
    beta.refusals,
    beta.refusalsPerGame,
  ], [5, 37, 0, 0]);
  assert.deepEqual(alpha.defaults, {
    deadline: 0,
    model_error: 0,
    invalid_output: 1,
  });
  assert.deepEqual(beta.defaults, {
    deadline: 1,
    model_error: 1,
    invalid_output: 0,
  });
  assert.deepEqual(alpha.latencyMs, { samples: 3, p50: 500, p99: 700 }); // 300 500 700 (G4 counts)
  assert.deepEqual(beta.latencyMs, { samples: 3, p50: 200, p99: 900 }); // 100 200 900
  assert.deepEqual(alpha.tokens, {
    prompt: 330,
    completion: 63,
    promptPerGame: 66,
    completionPerGame: 12.6,
  });
  assert.deepEqual(beta.tokens, {
    prompt: 150,
    completion: 15,
    promptPerGame: 30,
    completionPerGame: 3,
  });
  near(alpha.cost.usd, 0.007, 9);
  near(alpha.cost.usdPerGame, 0.0014, 9);
  assert.equal(alpha.cost.samples, 3);
  assert.deepEqual(beta.cost, { usd: 0, samples: 0, usdPerGame: 0 });
});

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

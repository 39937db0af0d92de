/**
 * `scoreGames()`: voided and self-play games, records with Wilson intervals,
 * play statistics, and health (refusals, defaults, latency, tokens, cost).
 * @module
 */
import assert from "node:assert/strict";
import { ResultsSchema, scoreGames } from "../tournament/mod.ts";
import { allGames } from "./_tournament_games.ts";
import { agent, near, scored } from "./_tournament_scoring.ts";

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

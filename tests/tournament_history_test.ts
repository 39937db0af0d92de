/**
 * The rating history of `results.json` (`ratingHistory`, `src/scoring/`):
 * one step per rated game, in order, each agent's overall OpenSkill μ after
 * it, on the hand-written games of `tests/_tournament_games.ts`.
 * @module
 */
import assert from "node:assert/strict";
import {
  ratingHistory,
  ratingsOf,
  readGame,
  scoreGames,
} from "../tournament/mod.ts";
import { allGames, game1, game2, game3 } from "./_tournament_games.ts";

const near = (actual: number | undefined, expected: number) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < 5e-5,
    `${actual} is not ${expected} to 4 decimals`,
  );

Deno.test("ratingHistory: one step per rated game, in order, with every agent's μ after it (25 before its first game)", () => {
  const cases: {
    games: ReturnType<typeof game1>[];
    agents: string[];
    ids: string[];
    first: Record<string, number>;
  }[] = [
    { games: [], agents: ["alpha", "beta"], ids: [], first: {} },
    {
      // G1: alpha's werewolves beat beta's village: 27.6354 / 22.3646
      games: [game1()],
      agents: ["alpha", "beta", "gamma"],
      ids: ["g-game1"],
      first: { alpha: 27.6354, beta: 22.3646, gamma: 25 },
    },
    {
      games: [game1(), game2(), game3()],
      agents: ["alpha", "beta"],
      ids: ["g-game1", "g-game2", "g-game3"],
      first: { alpha: 27.6354, beta: 22.3646 },
    },
  ];
  for (const { games, agents, ids, first } of cases) {
    const facts = games.map(readGame);
    const steps = ratingHistory(facts, agents);
    assert.deepEqual(steps.map((s) => s.gameId), ids);
    for (const step of steps) {
      assert.deepEqual(Object.keys(step.mu).sort(), [...agents].sort());
    }
    for (const [agent, mu] of Object.entries(first)) {
      near(steps[0]?.mu[agent], mu);
    }
    // the last step is the point rating ratingsOf reports
    if (steps.length > 0) {
      const point = ratingsOf(facts, agents, { resamples: 1, seed: 1 });
      for (const agent of agents) {
        assert.equal(
          steps.at(-1)!.mu[agent],
          point.get(agent)!.openskill.overall.mu,
        );
      }
    }
  }
});

Deno.test("scoreGames ratingHistory: rated games only (not the voided nor the self-play one), ending at each agent's μ", () => {
  const results = scoreGames({
    games: allGames(),
    bootstrap: { resamples: 1, seed: 0 },
  });
  assert.deepEqual(results.ratingHistory.map((s) => s.gameId), [
    "g-game1",
    "g-game2",
    "g-game3",
  ]);
  const last = results.ratingHistory.at(-1)!;
  for (const agent of results.agents) {
    assert.equal(last.mu[agent.agent], agent.openskill.overall.mu);
  }
  // alpha won G1 and G2, lost G3: its μ rises twice, then falls
  const alpha = results.ratingHistory.map((s) => s.mu.alpha!);
  assert.ok(alpha[0]! > 25 && alpha[1]! > alpha[0]! && alpha[2]! < alpha[1]!);
});

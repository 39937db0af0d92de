/**
 * Shared checks for the tournament scoring tests: a number to some decimals,
 * one agent's results, and the five test games scored.
 * @module
 */
import assert from "node:assert/strict";
import { type Results, scoreGames } from "../tournament/mod.ts";
import { allGames } from "./_tournament_games.ts";

/** Asserts `actual` equals `expected` to `digits` decimals (null fails). */
export function near(
  actual: number | null,
  expected: number,
  digits = 4,
): void {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 0.5 * 10 ** -digits,
    `${actual} is not ${expected} to ${digits} decimals`,
  );
}

/** The results of the agent `name`; fails when it is missing. */
export function agent(
  results: Results,
  name: string,
): Results["agents"][number] {
  const found = results.agents.find((a) => a.agent === name);
  assert.ok(found, `no ${name} in the results`);
  return found;
}

/** The five test games scored, with a small seeded bootstrap. */
export function scored(): Results {
  return scoreGames({
    games: allGames(),
    refusals: { alpha: 3 },
    bootstrap: { resamples: 50, seed: 9 },
  });
}

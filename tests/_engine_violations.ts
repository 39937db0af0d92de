/**
 * Shared games and the table runner for the engine's violation tests: a
 * nine-player game on its second night, at its second vote, or with the witch
 * dead, and `rejects()`, which registers one test per refused command.
 * @module
 */
import assert from "node:assert/strict";
import type { PlayerId } from "../src/contract/mod.ts";
import type { Violation } from "../src/engine/mod.ts";
import {
  act,
  byRole,
  type CommandBody,
  expire,
  newGame,
  night,
  one,
  refused,
  type Run,
  send,
} from "./engine_helpers_test.ts";

/**
 * A 9-player game (2 werewolves, seer, witch, hunter, guard, 3 villagers)
 * on the second night: a villager died on the first night and the first
 * day's vote is an abstention; the guard protected the seer.
 */
export function secondNight(): Run {
  const run = newGame({ players: 9, seed: 11 });
  night(run, { kill: one(run, "villager"), protect: one(run, "seer") });
  act(run, one(run, "witch"), { kind: "witch_pass" });
  expire(run);
  assert.equal(run.state.phase, "night");
  return run;
}

/** The same game at the second day's vote, after `voter` voted. */
export function voting(): Run {
  const run = secondNight();
  const wolves = byRole(run, "werewolf");
  night(run, { kill: byRole(run, "villager")[0]!, protect: wolves[0]! });
  act(run, one(run, "witch"), { kind: "witch_pass" });
  assert.equal(run.state.phase, "vote");
  send(run, { type: "vote", player_id: one(run, "seer"), target: null });
  return run;
}

/** The same game on the second night, after the witch died in the first. */
export function witchDead(): Run {
  const run = newGame({ players: 9, seed: 11 });
  const witch = one(run, "witch");
  night(run, { kill: witch });
  act(run, witch, { kind: "witch_pass" });
  expire(run);
  assert.equal(run.state.phase, "night");
  return run;
}

/** A dead seat of `run` (the first found). */
export const dead = (run: Run): PlayerId =>
  run.state.players.find((s) => !s.alive)!.id;
/** The options the game awaits from `id`, comma-separated. */
export const options = (run: Run, id: PlayerId): string =>
  run.state.pending.find((p) => p.player_id === id)!.options.join(", ");

/** One refused command: its name, fixture, command, code and message. */
export type Case = [
  name: string,
  fixture: () => Run,
  command: (run: Run) => CommandBody,
  code: Violation["code"],
  message: RegExp | ((run: Run) => string),
];

/**
 * Registers one test per case: the command, sent to a fresh fixture, is
 * refused with the case's code and message (a pattern, or exactly the text).
 */
export function rejects(cases: readonly Case[]): void {
  for (const [name, fixture, command, code, message] of cases) {
    Deno.test(`decide() rejects ${name} with ${code}`, () => {
      const run = fixture();
      const violation = refused(run, command(run));
      assert.equal(violation.code, code, violation.message);
      if (message instanceof RegExp) assert.match(violation.message, message);
      else assert.equal(violation.message, message(run));
    });
  }
}

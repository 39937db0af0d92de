/**
 * `decide()` refusing night powers: one the role lacks, by the dead, out of
 * phase, werewolf on werewolf or on the dead, without a target, the seer on
 * itself, the guard's repeated target, the witch before her turn, the hunter
 * alive, and a second poison.
 * @module
 */
import assert from "node:assert/strict";
import {
  act,
  byRole,
  expire,
  newGame,
  night,
  one,
  refused,
} from "./engine_helpers_test.ts";
import {
  type Case,
  dead,
  options,
  rejects,
  secondNight,
  voting,
  witchDead,
} from "./_engine_violations.ts";

const CASES: Case[] = [
  [
    "a power the role does not have",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "villager"),
      action: { kind: "wolf_kill", target: one(r, "seer") },
    }),
    "FORBIDDEN",
    (r) =>
      `${
        one(r, "villager")
      } is not the werewolf: only the werewolf may wolf_kill`,
  ],
  [
    "a power used by a dead player",
    witchDead,
    (r) => ({
      type: "act",
      player_id: byRole(r, "witch", true)[0]!,
      action: { kind: "witch_pass" },
    }),
    "FORBIDDEN",
    (r) =>
      `${
        byRole(r, "witch", true)[0]
      } is dead: the dead neither speak, vote nor act`,
  ],
  [
    "a power out of its phase",
    voting,
    (r) => ({
      type: "act",
      player_id: one(r, "seer"),
      action: { kind: "seer_inspect", target: one(r, "witch") },
    }),
    "PRECONDITION_FAILED",
    () =>
      "not your turn to seer_inspect: this is the vote phase; the seer inspects one player each night",
  ],
  [
    "a werewolf devouring a werewolf",
    secondNight,
    (r) => ({
      type: "act",
      player_id: byRole(r, "werewolf")[0]!,
      action: { kind: "wolf_kill", target: byRole(r, "werewolf")[1]! },
    }),
    "BAD_REQUEST",
    (r) =>
      `${byRole(r, "werewolf")[1]} is a werewolf: choose one of ${
        options(r, byRole(r, "werewolf")[0]!)
      }`,
  ],
  [
    "a werewolf devouring a dead player",
    secondNight,
    (r) => ({
      type: "act",
      player_id: byRole(r, "werewolf")[0]!,
      action: { kind: "wolf_kill", target: dead(r) },
    }),
    "BAD_REQUEST",
    (r) =>
      `${dead(r)} is dead: choose one of ${
        options(r, byRole(r, "werewolf")[0]!)
      }`,
  ],
  [
    "a power without a target",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "seer"),
      action: { kind: "seer_inspect" },
    }),
    "BAD_REQUEST",
    (r) => `say whom to inspect: choose one of ${options(r, one(r, "seer"))}`,
  ],
  [
    "the seer inspecting itself",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "seer"),
      action: { kind: "seer_inspect", target: one(r, "seer") },
    }),
    "BAD_REQUEST",
    /^you cannot inspect yourself: choose one of /,
  ],
  [
    "the guard's repeated target",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "guard"),
      action: { kind: "guard_protect", target: one(r, "seer") },
    }),
    "BAD_REQUEST",
    (r) =>
      `${
        one(r, "seer")
      } was protected last night and the guard cannot protect the same player two nights in a row: choose one of ${
        options(r, one(r, "guard"))
      }`,
  ],
  [
    "the witch acting before her turn",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "witch"),
      action: { kind: "witch_pass" },
    }),
    "PRECONDITION_FAILED",
    () =>
      "not your turn to witch_pass: this is the night phase; the witch acts in the witch phase, once the werewolves have chosen",
  ],
  [
    "a hunter shooting alive",
    secondNight,
    (r) => ({
      type: "act",
      player_id: one(r, "hunter"),
      action: { kind: "hunter_shoot", target: one(r, "seer") },
    }),
    "PRECONDITION_FAILED",
    () =>
      "not your turn to hunter_shoot: this is the night phase; the hunter shoots once, as he dies",
  ],
];
rejects(CASES);
Deno.test("decide() refuses a second use of the poison with BAD_REQUEST", () => {
  const run = newGame({ players: 9, seed: 11 });
  const witch = one(run, "witch");
  night(run, { kill: one(run, "villager") });
  act(run, witch, {
    kind: "witch_poison",
    target: byRole(run, "villager")[1]!,
  });
  act(run, witch, { kind: "witch_pass" });
  expire(run);
  night(run, { kill: one(run, "villager") });
  assert.deepEqual(
    refused(run, {
      type: "act",
      player_id: witch,
      action: { kind: "witch_poison", target: one(run, "hunter") },
    }),
    {
      code: "BAD_REQUEST",
      message: "the poison is already used: witch_save or witch_pass",
    },
  );
});

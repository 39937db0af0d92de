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
function secondNight(): Run {
  const run = newGame({ players: 9, seed: 11 });
  night(run, { kill: one(run, "villager"), protect: one(run, "seer") });
  act(run, one(run, "witch"), { kind: "witch_pass" });
  expire(run);
  assert.equal(run.state.phase, "night");
  return run;
}

/** The same game at the second day's vote, after `voter` voted. */
function voting(): Run {
  const run = secondNight();
  const wolves = byRole(run, "werewolf");
  night(run, { kill: byRole(run, "villager")[0]!, protect: wolves[0]! });
  act(run, one(run, "witch"), { kind: "witch_pass" });
  assert.equal(run.state.phase, "vote");
  send(run, { type: "vote", player_id: one(run, "seer"), target: null });
  return run;
}

/** The same game on the second night, after the witch died in the first. */
function witchDead(): Run {
  const run = newGame({ players: 9, seed: 11 });
  const witch = one(run, "witch");
  night(run, { kill: witch });
  act(run, witch, { kind: "witch_pass" });
  expire(run);
  assert.equal(run.state.phase, "night");
  return run;
}

const dead = (run: Run): PlayerId =>
  run.state.players.find((s) => !s.alive)!.id;
const options = (run: Run, id: PlayerId): string =>
  run.state.pending.find((p) => p.player_id === id)!.options.join(", ");

type Case = [
  name: string,
  fixture: () => Run,
  command: (run: Run) => CommandBody,
  code: Violation["code"],
  message: RegExp | ((run: Run) => string),
];

const CASES: Case[] = [
  [
    "a vote from a dead player",
    voting,
    (r) => ({ type: "vote", player_id: dead(r), target: null }),
    "FORBIDDEN",
    (r) => `${dead(r)} is dead: the dead neither speak, vote nor act`,
  ],
  [
    "a vote at night",
    secondNight,
    (r) => ({ type: "vote", player_id: one(r, "seer"), target: null }),
    "PRECONDITION_FAILED",
    () =>
      "not the time to vote: this is the night phase; the village votes by day, in the vote phase",
  ],
  [
    "a second vote",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "seer"), target: null }),
    "PRECONDITION_FAILED",
    (r) =>
      `${
        one(r, "seer")
      } already voted today: one vote each, wait for the others`,
  ],
  [
    "a vote against a dead player",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "witch"), target: dead(r) }),
    "BAD_REQUEST",
    (r) => `${dead(r)} is dead: choose one of ${options(r, one(r, "witch"))}`,
  ],
  [
    "a vote against an unknown player",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "witch"), target: "p17" }),
    "BAD_REQUEST",
    (r) =>
      `p17 is not a player of this game: choose one of ${
        options(r, one(r, "witch"))
      }`,
  ],
  [
    "a vote against oneself",
    voting,
    (r) => ({
      type: "vote",
      player_id: one(r, "witch"),
      target: one(r, "witch"),
    }),
    "BAD_REQUEST",
    (r) =>
      `you cannot vote against yourself: choose one of ${
        options(r, one(r, "witch"))
      }`,
  ],
  [
    "a vote by an unknown player",
    voting,
    () => ({ type: "vote", player_id: "p12", target: null }),
    "NOT_FOUND",
    () =>
      "no player p12 in this game: the players are p1, p2, p3, p4, p5, p6, p7, p8, p9",
  ],
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
  [
    "speech during the vote",
    voting,
    (r) => ({ type: "say", player_id: one(r, "witch"), text: "wait" }),
    "PRECONDITION_FAILED",
    () =>
      "not your turn to speak: this is the vote phase; speak on your own speaking turn in the discussion",
  ],
  [
    "speech by the dead",
    voting,
    (r) => ({ type: "say", player_id: dead(r), text: "boo" }),
    "FORBIDDEN",
    (r) => `${dead(r)} is dead: the dead neither speak, vote nor act`,
  ],
  [
    "a message that is too long",
    voting,
    (r) => ({
      type: "say",
      player_id: one(r, "witch"),
      text: "x".repeat(2001),
    }),
    "BAD_REQUEST",
    () =>
      "the message has 2001 characters: this game allows at most 2000 per message, so say it in fewer words",
  ],
  [
    "a join in a running game",
    voting,
    () => ({ type: "join", name: "Late" }),
    "PRECONDITION_FAILED",
    () => "the game has already started: no more seats can be taken",
  ],
];

for (const [name, fixture, command, code, message] of CASES) {
  Deno.test(`decide() rejects ${name} with ${code}`, () => {
    const run = fixture();
    const violation = refused(run, command(run));
    assert.equal(violation.code, code, violation.message);
    if (message instanceof RegExp) assert.match(violation.message, message);
    else assert.equal(violation.message, message(run));
  });
}

Deno.test("decide() refuses every play command once the game has ended", () => {
  const run = newGame({
    players: 5,
    seed: 3,
    roles: { werewolf: 1, villager: 4 },
  });
  const wolf = one(run, "werewolf");
  night(run, { kill: byRole(run, "villager")[0]! });
  for (const p of [...run.state.pending]) {
    send(run, {
      type: "vote",
      player_id: p.player_id,
      target: p.player_id === wolf ? p.options[0]! : wolf,
    });
  }
  assert.equal(run.state.winner, "village");
  const ended = "the game has ended: nothing more can be played";
  assert.deepEqual(refused(run, { type: "say", player_id: "p1", text: "gg" }), {
    code: "PRECONDITION_FAILED",
    message: ended,
  });
  assert.deepEqual(
    refused(run, { type: "vote", player_id: "p1", target: null }),
    { code: "PRECONDITION_FAILED", message: ended },
  );
  assert.deepEqual(
    refused(run, {
      type: "act",
      player_id: "p1",
      action: { kind: "witch_pass" },
    }),
    { code: "PRECONDITION_FAILED", message: ended },
  );
  assert.deepEqual(send(run, { type: "timeout", at: run.at + 10_000_000 }), []);
});

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

/**
 * `decide()` refusing speech during the vote, by the dead or too long, a join
 * in a running game, and every play command once the game has ended.
 * @module
 */
import assert from "node:assert/strict";
import {
  byRole,
  newGame,
  night,
  one,
  refused,
  send,
} from "./engine_helpers_test.ts";
import { type Case, dead, rejects, voting } from "./_engine_violations.ts";

const CASES: Case[] = [
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

rejects(CASES);
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

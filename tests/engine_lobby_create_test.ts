/**
 * `decide()` on create: the game in the lobby with game_created, every bad
 * field refused, and commands before a create or a second create refused.
 * @module
 */
import assert from "node:assert/strict";
import { decide, initialState, rulesOf, rulesText } from "../src/engine/mod.ts";
import { newGame, refused, T0 } from "./engine_helpers_test.ts";
import { CREATE } from "./_engine_lobby.ts";

Deno.test("decide() creates a game in the lobby with game_created", () => {
  const decision = decide(initialState(), CREATE);
  assert.ok(decision.ok);
  const [event] = decision.events;
  const rules = rulesOf({
    ...CREATE,
    roles: null,
    maxSayChars: 2000,
    turnPolicy: "round_robin",
    votePolicy: "sequential",
    maxTurns: null,
    talkCapPerDay: null,
  });
  assert.deepEqual(event, {
    ...CREATE,
    type: "game_created",
    seq: 1,
    roles: {},
    maxSayChars: 2000,
    turnPolicy: "round_robin",
    votePolicy: "sequential",
    maxTurns: null,
    talkCapPerDay: null,
    rules,
    rulesText: rulesText(rules, "en"),
    locale: "en",
  });
  assert.deepEqual(rules.roles, {
    werewolf: 2,
    seer: 1,
    witch: 1,
    villager: 2,
  });
});

const BAD_CREATES: [field: string, value: unknown, message: RegExp][] = [
  ["gameId", "game 1", /bad game id "game 1": use g- then 4 to 32 of a-z, 0-9/],
  ["name", "", /the game name must be 1 to 64 characters/],
  ["players", 4, /5 to 18 players, not 4/],
  ["players", 19, /5 to 18 players, not 19/],
  ["seed", -1, /the seed must be a whole number from 0 to 4294967295/],
  [
    "actionTimeoutMs",
    0,
    /actionTimeoutMs must be a whole number of milliseconds from 20 to 600000/,
  ],
  [
    "actionTimeoutMs",
    19,
    /actionTimeoutMs must be a whole number of milliseconds from 20 to 600000/,
  ],
  [
    "actionTimeoutMs",
    600_001,
    /actionTimeoutMs must be a whole number of milliseconds from 20 to 600000/,
  ],
  ["discussionRounds", 6, /discussionRounds must be 0 to 5/],
  ["maxSayChars", 0, /maxSayChars must be a whole number of .* 1 to 20000/],
  ["maxSayChars", 20_001, /maxSayChars must be a whole number of .* 20000/],
  ["maxSayChars", 1.5, /maxSayChars must be a whole number of characters/],
  ["roles", { werewolf: 3, villager: 3 }, /at most 2 for 6 players/],
  ["locale", "de", /locale must be one of en, fr/],
  ["at", -5, /at must be a time in epoch milliseconds/],
];

for (const [field, value, message] of BAD_CREATES) {
  Deno.test(`decide() rejects a create with a bad ${field} (${JSON.stringify(value)})`, () => {
    const decision = decide(initialState(), { ...CREATE, [field]: value });
    assert.equal(decision.ok, false);
    assert.equal(!decision.ok && decision.violation.code, "BAD_REQUEST");
    assert.match(!decision.ok ? decision.violation.message : "", message);
  });
}

Deno.test("decide() refuses commands before create and a second create", () => {
  const run = newGame({ players: 6, join: 0 });
  const none = decide(initialState(), { type: "join", at: T0, name: "Ann" });
  assert.deepEqual(none, {
    ok: false,
    violation: {
      code: "PRECONDITION_FAILED",
      message: "no game yet: create it first",
    },
  });
  const again = refused(run, { ...CREATE });
  assert.equal(again.code, "PRECONDITION_FAILED");
  assert.match(again.message, /game g-test already exists/);
});

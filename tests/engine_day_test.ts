import assert from "node:assert/strict";
import type { PlayerId } from "../src/contract/mod.ts";
import { awaiting } from "../src/engine/mod.ts";
import {
  act,
  assertReplays,
  byRole,
  expire,
  newGame,
  night,
  ofType,
  one,
  type Run,
  send,
  voteAll,
} from "./engine_helpers_test.ts";

const living = (run: Run): PlayerId[] =>
  run.state.players.filter((s) => s.alive).map((s) => s.id);

Deno.test("a day without discussion goes from the night to the vote to the next night", () => {
  const run = newGame({
    players: 8,
    seed: 7,
    roles: { werewolf: 2, villager: 6 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.phase, "vote");
  assert.equal(run.state.pending.length, 7);
  voteAll(run, () => null);
  assert.deepEqual([run.state.phase, run.state.day], ["night", 2]);
  assertReplays(run);
});

Deno.test("a vote eliminates the plurality and reveals the role", () => {
  const run = newGame({
    players: 8,
    seed: 5,
    roles: { werewolf: 2, villager: 6 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const [target, other] = byRole(run, "villager");
  voteAll(run, (voter) => voter === target ? other! : target!);
  const result = ofType(run.log, "vote_result").at(-1)!;
  assert.deepEqual({ ...result, seq: 0, at: 0 }, {
    type: "vote_result",
    seq: 0,
    at: 0,
    day: 1,
    tally: { [target!]: 6, [other!]: 1 },
    abstentions: 0,
    eliminated: target,
  });
  const died = ofType(run.log, "player_died").at(-1)!;
  assert.deepEqual([died.player_id, died.cause, died.role], [
    target,
    "vote",
    "villager",
  ]);
  assert.equal(run.state.phase, "night");
  assert.equal(run.state.day, 2);
});

Deno.test("a tied vote or no vote at all eliminates nobody", () => {
  const run = newGame({
    players: 8,
    seed: 5,
    roles: { werewolf: 2, villager: 6 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const [a, b, c, d, e, f, g] = living(run);
  const plan: Record<string, PlayerId> = {
    [a!]: b!,
    [b!]: a!,
    [c!]: a!,
    [d!]: a!,
    [e!]: b!,
    [f!]: b!,
  };
  voteAll(run, (voter) => plan[voter] ?? null);
  const tie = ofType(run.log, "vote_result").at(-1)!;
  assert.deepEqual([tie.tally, tie.abstentions, tie.eliminated], [
    { [a!]: 3, [b!]: 3 },
    1,
    null,
  ]);
  assert.ok(g);
  night(run, { kill: byRole(run, "villager")[0]! });
  voteAll(run, () => null);
  const none = ofType(run.log, "vote_result").at(-1)!;
  assert.deepEqual([none.tally, none.abstentions, none.eliminated], [
    {},
    6,
    null,
  ]);
  assert.equal(
    ofType(run.log, "player_died").filter((e) => e.cause === "vote").length,
    0,
  );
});

Deno.test("a 2–2 vote with abstentions is a tie", () => {
  const run = newGame({
    players: 6,
    seed: 1,
    roles: { werewolf: 1, villager: 5 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const [a, b, c, d, e] = living(run);
  const plan: Record<string, PlayerId | null> = {
    [a!]: b!,
    [b!]: a!,
    [c!]: a!,
    [d!]: b!,
    [e!]: null,
  };
  voteAll(run, (voter) => plan[voter] ?? null);
  const result = ofType(run.log, "vote_result").at(-1)!;
  assert.deepEqual([result.tally, result.abstentions, result.eliminated], [
    { [a!]: 2, [b!]: 2 },
    1,
    null,
  ]);
});

Deno.test("the hunter shoots after dying at night", () => {
  const run = newGame({
    players: 7,
    seed: 6,
    roles: { werewolf: 2, hunter: 1, villager: 4 },
  });
  const hunter = one(run, "hunter");
  night(run, { kill: hunter });
  assert.equal(run.state.phase, "hunter");
  assert.deepEqual(awaiting(run.state, hunter)?.options, living(run));
  const target = byRole(run, "villager")[0]!;
  const events = act(run, hunter, { kind: "hunter_shoot", target });
  assert.deepEqual(events.slice(0, 2).map((e) => e.type), [
    "player_action",
    "player_died",
  ]);
  assert.equal(ofType(events, "player_died")[0]!.cause, "hunter");
  assert.equal(run.state.phase, "vote", "the day goes on after the shot");
  assertReplays(run);
});

Deno.test("the hunter shoots after being voted out, then the night falls", () => {
  const run = newGame({
    players: 7,
    seed: 6,
    roles: { werewolf: 2, hunter: 1, villager: 4 },
  });
  const hunter = one(run, "hunter");
  night(run, { kill: byRole(run, "villager")[0]! });
  voteAll(
    run,
    (voter) =>
      voter === hunter ? living(run).find((id) => id !== hunter)! : hunter,
  );
  assert.equal(run.state.phase, "hunter");
  const [wolf] = byRole(run, "werewolf");
  act(run, hunter, { kind: "hunter_shoot", target: wolf! });
  assert.equal(run.state.phase, "night");
  assert.equal(run.state.day, 2);
  assert.equal(ofType(run.log, "player_died").at(-1)!.role, "werewolf");
});

Deno.test("the hunter's shot can end the game", () => {
  const run = newGame({
    players: 6,
    seed: 6,
    roles: { werewolf: 1, hunter: 1, villager: 4 },
  });
  const hunter = one(run, "hunter");
  night(run, { kill: hunter });
  act(run, hunter, { kind: "hunter_shoot", target: one(run, "werewolf") });
  assert.equal(run.state.phase, "ended");
  assert.equal(run.state.winner, "village");
});

Deno.test("the hunter has no shot when his death ends the game", () => {
  const run = newGame({
    players: 5,
    seed: 6,
    roles: { werewolf: 2, hunter: 1, villager: 2 },
  });
  const hunter = one(run, "hunter");
  night(run, { kill: hunter });
  assert.equal(run.state.winner, "werewolves");
  assert.equal(
    ofType(run.log, "your_turn").filter((e) => e.request === "hunter_shoot")
      .length,
    0,
  );
});

Deno.test("the village wins when no werewolf lives", () => {
  const run = newGame({
    players: 6,
    seed: 2,
    roles: { werewolf: 1, seer: 1, villager: 4 },
  });
  const wolf = one(run, "werewolf");
  night(run, { kill: one(run, "villager") });
  voteAll(run, (voter) => voter === wolf ? one(run, "seer") : wolf);
  const over = ofType(run.log, "game_over")[0]!;
  assert.equal(over.winner, "village");
  assert.equal(Object.keys(over.roles).length, 6);
  assert.equal(over.roles[wolf], "werewolf");
  const last = ofType(run.log, "phase_update").at(-1)!;
  assert.deepEqual([last.new_phase, last.deadline], ["ended", null]);
  assert.deepEqual(run.state.pending, []);
  assertReplays(run);
});

Deno.test("the werewolves win when they are as many as the others", () => {
  const run = newGame({
    players: 5,
    seed: 2,
    roles: { werewolf: 1, villager: 4 },
  });
  const wolf = one(run, "werewolf");
  night(run, { kill: byRole(run, "villager")[0]! });
  const scapegoat = byRole(run, "villager")[0]!;
  voteAll(run, (voter) => voter === scapegoat ? wolf : scapegoat);
  assert.equal(run.state.winner, null);
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.winner, "werewolves");
  assert.equal(run.state.phase, "ended");
});

Deno.test("timeout: a missing vote is an abstention and the others count", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    roles: { werewolf: 1, villager: 5 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const [a, b] = living(run);
  send(run, { type: "vote", player_id: a!, target: b! });
  const events = expire(run);
  const abstained = ofType(events, "player_action");
  assert.equal(abstained.length, 4);
  assert.ok(
    abstained.every((e) =>
      e.action === "vote" && e.target === null && e.timed_out
    ),
  );
  const result = ofType(events, "vote_result")[0]!;
  assert.deepEqual([result.tally, result.abstentions, result.eliminated], [
    { [b!]: 1 },
    4,
    b,
  ]);
});

Deno.test("timeout: a hunter who does not shoot shoots nobody", () => {
  const run = newGame({
    players: 7,
    seed: 6,
    roles: { werewolf: 2, hunter: 1, villager: 4 },
  });
  night(run, { kill: one(run, "hunter") });
  assert.equal(run.state.phase, "hunter");
  const events = expire(run);
  assert.equal(ofType(events, "player_died").length, 0);
  assert.deepEqual(
    ofType(events, "player_action").map((e) => [
      e.action,
      e.target,
      e.default,
    ]),
    [["hunter_shoot", null, { cause: "deadline" }]],
  );
  assert.equal(run.state.phase, "vote");
});

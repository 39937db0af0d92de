/**
 * The engine's night for the werewolves: the first night's turns, the victim
 * at dawn, ties and pluralities, their night channel, and their choice at a
 * timeout.
 * @module
 */
import assert from "node:assert/strict";
import { awaiting, viewOf } from "../src/engine/mod.ts";
import {
  act,
  assertReplays,
  byRole,
  expire,
  newGame,
  night,
  ofType,
  one,
  refused,
  send,
  witchPasses,
} from "./engine_helpers_test.ts";
import { nine } from "./_engine_night.ts";

Deno.test("the first night awaits the guard, each werewolf and the seer at once", () => {
  const run = nine();
  const wolves = byRole(run, "werewolf");
  const awaited = run.state.pending.map((p) => `${p.player_id}:${p.request}`)
    .sort();
  const expected = [
    `${one(run, "guard")}:guard_protect`,
    `${one(run, "seer")}:seer_inspect`,
    ...wolves.map((id) => `${id}:wolf_kill`),
  ].sort();
  assert.deepEqual(awaited, expected);
  const update = ofType(run.log, "phase_update").at(-1)!;
  assert.deepEqual({ ...update, description: "" }, {
    type: "phase_update",
    seq: update.seq,
    at: update.at,
    old_phase: "lobby",
    new_phase: "night",
    day: 1,
    description: "",
    deadline: update.at + 1000,
  });
  const wolfTurn = awaiting(run.state, wolves[0]!)!;
  assert.equal(wolfTurn.request, "wolf_kill");
  assert.ok(wolfTurn.options.every((id) => !wolves.includes(id)));
  assert.equal(wolfTurn.options.length, 7);
  assert.ok(
    !awaiting(run.state, one(run, "seer"))!.options.includes(one(run, "seer")),
  );
  assert.equal(awaiting(run.state, one(run, "guard"))!.options.length, 9);
});

Deno.test("the werewolves' victim dies at dawn with the cause and role revealed", () => {
  const run = nine();
  const victim = one(run, "villager");
  night(run, { kill: victim });
  assert.equal(run.state.phase, "witch");
  const info = ofType(run.log, "witch_info").at(-1)!;
  assert.deepEqual({
    victim: info.victim,
    heal: info.heal_available,
    poison: info.poison_available,
  }, { victim, heal: true, poison: true });
  const before = run.log.length;
  witchPasses(run);
  const died = ofType(run.log.slice(before), "player_died");
  assert.deepEqual(died.map((e) => [e.player_id, e.cause, e.role]), [[
    victim,
    "werewolves",
    "villager",
  ]]);
  const table = ofType(run.log, "game_state").at(-1)!;
  assert.equal(table.alive_count, 8);
  assert.equal(table.dead_count, 1);
  assert.deepEqual(table.players.find((p) => p.id === victim), {
    id: victim,
    name: table.players.find((p) => p.id === victim)!.name,
    alive: false,
    role: "villager",
  });
  assert.ok(
    table.players.filter((p) => p.alive).every((p) => p.role === undefined),
  );
  assertReplays(run);
});

Deno.test("a tie between the werewolves is broken by the seeded RNG among the tied", () => {
  const seen = new Set<string>();
  for (let seed = 1; seed <= 12; seed++) {
    const run = newGame({
      players: 6,
      seed,
      roles: { werewolf: 2, villager: 4 },
    });
    const [w1, w2] = byRole(run, "werewolf");
    const [a, b] = byRole(run, "villager");
    act(run, w1!, { kind: "wolf_kill", target: a! });
    act(run, w2!, { kind: "wolf_kill", target: b! });
    const died = ofType(run.log, "player_died").map((e) => e.player_id);
    assert.equal(died.length, 1);
    assert.ok(died[0] === a || died[0] === b);
    seen.add(died[0] === a ? "first" : "second");
    assertReplays(run);
  }
  assert.equal(seen.size, 2, "the tie-break always picks the same side");
});

Deno.test("the plurality of the werewolves' choices is the victim", () => {
  const run = newGame({
    players: 9,
    seed: 8,
    roles: { werewolf: 3, villager: 6 },
  });
  const [w1, w2, w3] = byRole(run, "werewolf");
  const [a, b] = byRole(run, "villager");
  act(run, w1!, { kind: "wolf_kill", target: b! });
  act(run, w2!, { kind: "wolf_kill", target: a! });
  act(run, w3!, { kind: "wolf_kill", target: b! });
  assert.deepEqual(ofType(run.log, "player_died").map((e) => e.player_id), [b]);
});

Deno.test("werewolves talk on their channel at night; others may not", () => {
  const run = nine();
  const [wolf] = byRole(run, "werewolf");
  const [message] = send(run, {
    type: "say",
    player_id: wolf!,
    text: "the seer first",
  });
  assert.deepEqual(message, {
    type: "agent_message",
    seq: message!.seq,
    at: message!.at,
    agent_id: wolf,
    agent_name: run.state.players.find((s) => s.id === wolf)!.name,
    message_text: "the seer first",
    phase: "night",
    channel: "werewolves",
  });
  assert.equal(
    refused(run, { type: "say", player_id: wolf!, text: " " }).code,
    "BAD_REQUEST",
  );
  const seer = refused(run, {
    type: "say",
    player_id: one(run, "seer"),
    text: "hi",
  });
  assert.equal(seer.code, "PRECONDITION_FAILED");
  assert.equal(
    seer.message,
    "not your turn to speak: this is the night phase; speak on your own speaking turn in the discussion",
  );
  assert.equal(
    viewOf(run.state, { kind: "player", player_id: wolf! }).waitingFor?.request,
    "wolf_kill",
  );
});

Deno.test("timeout: werewolves default to the plurality of those who chose", () => {
  const run = nine();
  const [w1] = byRole(run, "werewolf");
  const victim = one(run, "villager");
  act(run, w1!, { kind: "wolf_kill", target: victim });
  assert.deepEqual(
    send(run, { type: "timeout", at: run.state.pending[0]!.deadline - 1 }),
    [],
  );
  const awaited = run.state.pending.map((p) => p.player_id);
  const events = expire(run);
  const defaults = ofType(events, "player_action");
  assert.deepEqual(
    defaults.map((e) => [e.player_id, e.target, e.timed_out, e.default]),
    awaited.map((id) => [id, null, true, { cause: "deadline" }]),
    "each awaited power's default is recorded, with no target",
  );
  assert.equal(ofType(events, "witch_info")[0]!.victim, victim);
});

Deno.test("timeout: with no werewolf choice the victim is a seeded random non-werewolf", () => {
  for (let seed = 1; seed <= 10; seed++) {
    const run = nine(seed);
    const events = expire(run);
    const victim = ofType(events, "witch_info")[0]!.victim!;
    assert.notEqual(
      run.state.players.find((s) => s.id === victim)!.role,
      "werewolf",
    );
    assert.equal(
      ofType(events, "seer_result").length,
      0,
      "the seer's default is nothing",
    );
    assert.equal(
      run.state.night.protected,
      null,
      "the guard's default is nothing",
    );
    const dawn = expire(run);
    assert.equal(
      ofType(dawn, "player_died")[0]?.player_id,
      victim,
      "the witch's default is nothing",
    );
    assertReplays(run);
  }
});

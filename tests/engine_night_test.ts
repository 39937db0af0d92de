import assert from "node:assert/strict";
import { awaiting, redact, type Viewer, viewOf } from "../src/engine/mod.ts";
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

/** A 9-player game: 2 werewolves, seer, witch, hunter, guard, 3 villagers. */
const nine = (seed = 3) => newGame({ players: 9, seed });

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

Deno.test("the seer learns at once whether the inspected player is a werewolf", () => {
  const run = nine();
  const seer = one(run, "seer");
  const [wolf] = byRole(run, "werewolf");
  const events = act(run, seer, { kind: "seer_inspect", target: wolf! });
  assert.deepEqual(events.map((e) => e.type), ["player_action", "seer_result"]);
  assert.deepEqual(ofType(events, "seer_result")[0], {
    type: "seer_result",
    seq: events[1]!.seq,
    at: events[1]!.at,
    seer_id: seer,
    target: wolf,
    is_werewolf: true,
  });
  const villager = one(run, "villager");
  const other = nine();
  assert.equal(
    ofType(
      act(other, seer, { kind: "seer_inspect", target: villager }),
      "seer_result",
    )[0]!.is_werewolf,
    false,
  );
  assert.equal(
    refused(run, {
      type: "act",
      player_id: seer,
      action: { kind: "seer_inspect", target: wolf! },
    }).code,
    "PRECONDITION_FAILED",
  );
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

Deno.test("the guard's protection saves the victim; the guard may protect itself", () => {
  const run = nine();
  const guard = one(run, "guard");
  const victim = one(run, "villager");
  night(run, { kill: victim, protect: victim });
  witchPasses(run);
  assert.equal(ofType(run.log, "player_died").length, 0);
  assert.equal(run.state.phase, "vote");
  send(run, { type: "timeout", at: run.state.pending[0]!.deadline });
  night(run, { kill: guard, protect: guard });
  witchPasses(run);
  assert.equal(ofType(run.log, "player_died").length, 0);
});

Deno.test("decide() refuses the guard's repeated target with BAD_REQUEST", () => {
  const run = nine();
  const guard = one(run, "guard");
  const victim = one(run, "villager");
  night(run, { kill: victim, protect: victim });
  witchPasses(run);
  expire(run);
  assert.equal(run.state.phase, "night");
  assert.ok(!awaiting(run.state, guard)!.options.includes(victim));
  const violation = refused(run, {
    type: "act",
    player_id: guard,
    action: { kind: "guard_protect", target: victim },
  });
  assert.equal(violation.code, "BAD_REQUEST");
  assert.match(
    violation.message,
    new RegExp(
      `^${victim} was protected last night and the guard cannot protect the same player two nights in a row: choose one of p`,
    ),
  );
  // A night without protection lifts the rule.
  expire(run);
  witchPasses(run);
  while (run.state.phase !== "night") expire(run);
  assert.equal(run.state.lastProtected, null);
  assert.equal(
    awaiting(run.state, guard)!.options.length,
    run.state.players.filter((s) => s.alive).length,
  );
});

Deno.test("the witch saves the victim once per game, and only the victim", () => {
  const run = nine();
  const witch = one(run, "witch");
  const victim = one(run, "villager");
  night(run, { kill: victim });
  const wrong = refused(run, {
    type: "act",
    player_id: witch,
    action: { kind: "witch_save", target: one(run, "seer") },
  });
  assert.deepEqual(wrong, {
    code: "BAD_REQUEST",
    message: `${
      one(run, "seer")
    } is not the werewolves' victim: witch_save can only save ${victim}`,
  });
  act(run, witch, { kind: "witch_save", target: victim });
  assert.equal(run.state.phase, "witch", "she still has her poison");
  act(run, witch, { kind: "witch_pass" });
  assert.equal(ofType(run.log, "player_died").length, 0);
  expire(run);
  const next = byRole(run, "villager")[1]!;
  night(run, { kill: next });
  const info = ofType(run.log, "witch_info").at(-1)!;
  assert.equal(info.heal_available, false);
  assert.deepEqual(
    refused(run, {
      type: "act",
      player_id: witch,
      action: { kind: "witch_save" },
    }),
    {
      code: "BAD_REQUEST",
      message: "the healing potion is already used: witch_poison or witch_pass",
    },
  );
  assertReplays(run);
});

Deno.test("the witch may save and poison in the same night, then her turn ends", () => {
  const run = nine();
  const witch = one(run, "witch");
  const victim = one(run, "villager");
  const [wolf] = byRole(run, "werewolf");
  night(run, { kill: victim });
  assert.match(
    refused(run, {
      type: "act",
      player_id: witch,
      action: { kind: "witch_poison", target: witch },
    }).message,
    /^you cannot poison yourself: choose one of /,
  );
  act(run, witch, { kind: "witch_poison", target: wolf! });
  assert.equal(run.state.phase, "witch");
  act(run, witch, { kind: "witch_save" });
  assert.notEqual(run.state.phase, "witch");
  const died = ofType(run.log, "player_died");
  assert.deepEqual(died.map((e) => [e.player_id, e.cause, e.role]), [[
    wolf,
    "poison",
    "werewolf",
  ]]);
  assert.deepEqual(run.state.potions, { heal: false, poison: false });
});

Deno.test("closeNight(): a living witch without potions still has her phase, where she may only pass", () => {
  const run = nine();
  const witch = one(run, "witch");
  night(run, { kill: one(run, "villager") });
  act(run, witch, { kind: "witch_save" });
  act(run, witch, {
    kind: "witch_poison",
    target: byRole(run, "villager")[1]!,
  });
  expire(run);
  const from = run.log.length;
  night(run, { kill: one(run, "villager") });
  assert.equal(run.state.phase, "witch");
  assert.deepEqual(run.state.pending.map((p) => [p.player_id, p.request]), [
    [witch, "witch"],
  ]);
  const [info] = ofType(run.log.slice(from), "witch_info");
  assert.deepEqual(
    [info?.heal_available, info?.poison_available],
    [false, false],
  );
  assert.deepEqual(
    refused(run, {
      type: "act",
      player_id: witch,
      action: { kind: "witch_save" },
    }),
    {
      code: "BAD_REQUEST",
      message: "the healing potion is already used: witch_pass",
    },
  );
  assert.deepEqual(
    refused(run, {
      type: "act",
      player_id: witch,
      action: { kind: "witch_poison", target: one(run, "seer") },
    }),
    { code: "BAD_REQUEST", message: "the poison is already used: witch_pass" },
  );
  act(run, witch, { kind: "witch_pass" });
  assert.equal(run.state.phase, "vote");
});

Deno.test("closeNight(): the witch's phase looks the same to the others whether she has potions or none", () => {
  /** What the public, a villager and a werewolf see from the first vote to the hunter. */
  const secondNight = (spend: boolean) => {
    const run = nine();
    const witch = one(run, "witch");
    night(run, { kill: one(run, "villager") });
    if (spend) {
      act(run, witch, { kind: "witch_save" });
      act(run, witch, { kind: "witch_poison", target: one(run, "seer") });
    } else act(run, witch, { kind: "witch_pass" });
    const from = run.log.length;
    expire(run);
    night(run, { kill: one(run, "hunter") });
    act(run, witch, { kind: "witch_pass" });
    const seen = (viewer: Viewer) =>
      run.log.slice(from).flatMap((event) => {
        const shown = redact(run.state, event, viewer);
        return shown === null ? [] : [{ ...shown, seq: 0, at: 0 }];
      });
    return [
      seen({ kind: "public" }),
      seen({ kind: "player", player_id: one(run, "villager") }),
      seen({ kind: "player", player_id: one(run, "werewolf") }),
    ];
  };
  const spent = secondNight(true);
  const kept = secondNight(false);
  assert.deepEqual(
    spent[0]!.filter((e) => e.type === "phase_update").map((e) =>
      (e as { new_phase: string }).new_phase
    ),
    ["night", "witch", "dawn", "hunter"],
  );
  for (const [i, events] of spent.entries()) {
    assert.deepEqual(events.map((e) => e.type), kept[i]!.map((e) => e.type));
  }
});

Deno.test("closeNight(): a dead witch, whose role her death made public, has no phase", () => {
  const run = nine();
  const witch = one(run, "witch");
  night(run, { kill: witch });
  act(run, witch, { kind: "witch_pass" });
  assert.equal(run.state.players.find((s) => s.id === witch)!.alive, false);
  expire(run);
  night(run, { kill: one(run, "villager") });
  assert.equal(run.state.phase, "vote");
  assert.equal(ofType(run.log, "witch_info").length, 1);
});

Deno.test("a poisoned player dies even when no one else does", () => {
  const run = nine();
  const witch = one(run, "witch");
  const victim = one(run, "villager");
  const target = byRole(run, "villager")[1]!;
  night(run, { kill: victim, protect: victim });
  act(run, witch, { kind: "witch_poison", target });
  act(run, witch, { kind: "witch_pass" });
  assert.deepEqual(
    ofType(run.log, "player_died").map((e) => [e.player_id, e.cause]),
    [[target, "poison"]],
  );
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

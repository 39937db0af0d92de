/**
 * The engine's night for the witch: one save per game, save and poison in one
 * night, her phase with no potions left (alike to the others), none when she
 * is dead, and a poisoned player's death.
 * @module
 */
import assert from "node:assert/strict";
import { redact, type Viewer } from "../src/engine/mod.ts";
import {
  act,
  assertReplays,
  byRole,
  expire,
  night,
  ofType,
  one,
  refused,
} from "./engine_helpers_test.ts";
import { nine } from "./_engine_night.ts";

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

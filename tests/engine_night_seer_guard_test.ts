/**
 * The engine's night for the seer (what the inspection tells at once) and the
 * guard (protection, and a repeated target refused).
 * @module
 */
import assert from "node:assert/strict";
import { awaiting } from "../src/engine/mod.ts";
import {
  act,
  byRole,
  expire,
  night,
  ofType,
  one,
  refused,
  send,
  witchPasses,
} from "./engine_helpers_test.ts";
import { nine } from "./_engine_night.ts";

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

/**
 * The witch's turn as the table of requests (`REQUEST_RULES.witch`, the
 * README's "Requests") says it ends: a save without target saves the
 * victim; after a save with the poison left the turn waits for
 * `witch_poison`, `witch_pass` or the deadline (which records
 * `witch_pass`, the save standing); once she has nothing usable left the
 * turn ends by itself and `witch_pass` is refused.
 * @module
 */
import assert from "node:assert/strict";
import { ACTION_KINDS } from "../src/contract/mod.ts";
import { REQUEST_RULES } from "../src/engine/mod.ts";
import {
  act,
  byRole,
  expire,
  newGame,
  night,
  ofType,
  one,
  refused,
  type Run,
  voteAll,
} from "./engine_helpers_test.ts";

const nine = () => newGame({ players: 9, seed: 3 });

/** The last `player_action` of the witch. */
function lastWitchAction(run: Run) {
  const witch = one(run, "witch");
  return ofType(run.log, "player_action").filter((e) => e.player_id === witch)
    .at(-1);
}

/** Plays on from the day to the next night: everyone abstains. */
function toNextNight(run: Run): void {
  while (run.state.phase !== "night") {
    if (run.state.phase === "vote") voteAll(run, () => null);
    else expire(run);
  }
}

Deno.test("the witch: witch_save without a target saves the victim, then her turn waits (poison left) until the deadline records witch_pass and the save stands", () => {
  const run = nine();
  const witch = one(run, "witch");
  const victim = one(run, "villager");
  night(run, { kill: victim });
  act(run, witch, { kind: "witch_save" });
  assert.equal(lastWitchAction(run)?.target, victim);
  assert.deepEqual(run.state.pending.map((p) => [p.player_id, p.request]), [
    [witch, "witch"],
  ]);
  expire(run);
  const passed = lastWitchAction(run);
  assert.equal(passed?.action, REQUEST_RULES.witch.defaultAction);
  assert.equal(passed?.timed_out, true);
  assert.equal(run.state.phase !== "witch", true);
  assert.deepEqual(ofType(run.log, "player_died"), []);
});

Deno.test("the witch: once nothing usable is left the turn ends by itself, and a witch_pass is refused (after a poison with the heal spent, after a save with the poison spent)", () => {
  const run = nine();
  const witch = one(run, "witch");
  night(run, { kill: one(run, "villager") });
  act(run, witch, { kind: "witch_save" });
  act(run, witch, { kind: "witch_pass" });
  toNextNight(run);
  night(run, { kill: byRole(run, "villager")[1]! });
  act(run, witch, {
    kind: "witch_poison",
    target: byRole(run, "werewolf")[0]!,
  });
  assert.notEqual(run.state.phase, "witch", "the poison ended her turn");
  const late = refused(run, {
    type: "act",
    player_id: witch,
    action: { kind: "witch_pass" },
  });
  assert.equal(late.code, "PRECONDITION_FAILED");
  assert.match(late.message, /^not your turn to witch_pass: /);

  const other = nine();
  const witch2 = one(other, "witch");
  night(other, { kill: one(other, "villager") });
  act(other, witch2, {
    kind: "witch_poison",
    target: byRole(other, "werewolf")[0]!,
  });
  assert.equal(other.state.phase, "witch", "the heal is left");
  act(other, witch2, { kind: "witch_pass" });
  toNextNight(other);
  night(other, { kill: byRole(other, "villager")[1]! });
  act(other, witch2, { kind: "witch_save" });
  assert.notEqual(other.state.phase, "witch", "the save ended her turn");
  assert.equal(
    refused(other, {
      type: "act",
      player_id: witch2,
      action: { kind: "witch_pass" },
    }).code,
    "PRECONDITION_FAILED",
  );
});

Deno.test("REQUEST_RULES: every game.act kind answers exactly one request, and only game.act requests list kinds", () => {
  for (const kind of ACTION_KINDS) {
    const answering = Object.entries(REQUEST_RULES)
      .filter(([, rule]) => rule.kinds.includes(kind));
    assert.equal(answering.length, 1, kind);
  }
  for (const [request, rule] of Object.entries(REQUEST_RULES)) {
    assert.equal(rule.kinds.length > 0, rule.via === "act", request);
  }
});

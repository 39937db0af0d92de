/**
 * Forfeits and defaults: a declared failure applies the request's default at
 * once with its cause, a deadline's default records its cause, and who sees
 * that cause.
 * @module
 */
import assert from "node:assert/strict";
import {
  assertReplays,
  expire,
  newGame,
  night,
  ofType,
  one,
  refused,
  send,
  villagers,
  witchPasses,
} from "./engine_helpers_test.ts";
import { discussion, speaker, USAGE, views } from "./_engine_records.ts";

Deno.test("forfeit: a declared failure applies the request's default at once, with its cause", () => {
  const run = discussion();
  const me = speaker(run);
  const [pass] = send(run, {
    type: "forfeit",
    player_id: me,
    via: "say",
    failed: "model_error",
    usage: USAGE,
  });
  assert.deepEqual(pass, {
    type: "player_action",
    seq: pass!.seq,
    at: pass!.at,
    player_id: me,
    action: "pass",
    target: null,
    timed_out: false,
    default: { cause: "model_error" },
    usage: USAGE,
  });
  assert.notEqual(speaker(run), me, "the turn moved on at once");
  assertReplays(run);
});

Deno.test("forfeit: the vote abstains and a night power acts on nobody", () => {
  const run = newGame({ players: 8, seed: 1 });
  const seer = one(run, "seer");
  const [inspect] = send(run, {
    type: "forfeit",
    player_id: seer,
    via: "act",
    failed: "invalid_output",
  });
  assert.deepEqual(
    inspect?.type === "player_action"
      ? [inspect.action, inspect.target, inspect.default]
      : null,
    ["seer_inspect", null, { cause: "invalid_output" }],
  );
  assert.equal(run.state.pending.some((p) => p.player_id === seer), false);
  night(run, { kill: villagers(run).find((id) => id !== seer)! });
  witchPasses(run);
  const voter = run.state.pending[0]!.player_id;
  const [abstain] = send(run, {
    type: "forfeit",
    player_id: voter,
    via: "vote",
    failed: "model_error",
  });
  assert.deepEqual(
    abstain?.type === "player_action"
      ? [abstain.action, abstain.target, abstain.default]
      : null,
    ["vote", null, { cause: "model_error" }],
  );
});

Deno.test("forfeit: refused through a procedure that does not answer the caller's request", () => {
  const run = newGame({ players: 8, seed: 1 });
  const seer = one(run, "seer");
  const violation = refused(run, {
    type: "forfeit",
    player_id: seer,
    via: "vote",
    failed: "model_error",
  });
  assert.equal(violation.code, "PRECONDITION_FAILED");
  assert.match(violation.message, /answered with game\.act/);
  const idle = villagers(run).find((id) => id !== seer)!;
  const none = refused(run, {
    type: "forfeit",
    player_id: idle,
    via: "act",
    failed: "model_error",
  });
  assert.match(none.message, /nothing is awaited from you/);
});

Deno.test("timeout: a deadline default records the cause deadline", () => {
  const run = discussion();
  const me = speaker(run);
  const [pass] = ofType(expire(run), "player_action");
  assert.deepEqual([pass!.player_id, pass!.timed_out, pass!.default], [
    me,
    true,
    { cause: "deadline" },
  ]);
});

Deno.test("redact: a default's cause is seen with its action, only by those who see it", () => {
  const run = newGame({ players: 8, seed: 1 });
  const seer = one(run, "seer");
  const [inspect] = send(run, {
    type: "forfeit",
    player_id: seer,
    via: "act",
    failed: "model_error",
  });
  const seen = views(run.state, inspect!, seer);
  assert.equal(seen.author, inspect);
  assert.equal(seen.public, null);
  assert.equal(seen.other, null);
});

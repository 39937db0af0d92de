/**
 * The turn policies but bidding (see `engine_bidding_test.ts`), with fixed
 * seeds: random_order's drawn rounds, parallel's held and revealed rounds,
 * the talk cap under each, and the simultaneous vote.
 * @module
 */
import assert from "node:assert/strict";
import type { PlayerId, TurnPolicy } from "../src/contract/mod.ts";
import { redact } from "../src/engine/mod.ts";
import {
  assertReplays,
  byRole,
  expire,
  newGame,
  night,
  ofType,
  refused,
  type Run,
  send,
  voteAll,
} from "./engine_helpers_test.ts";

const ROLES = { werewolf: 1, villager: 5 };
const living = (run: Run): PlayerId[] =>
  run.state.players.filter((s) => s.alive).map((s) => s.id);

/** A 6-seat game at its first discussion (one villager died). */
function firstDay(
  turnPolicy: TurnPolicy,
  options: { seed?: number; rounds?: number; talkCapPerDay?: number } = {},
): Run {
  const run = newGame({
    players: 6,
    seed: options.seed ?? 9,
    rounds: options.rounds ?? 2,
    roles: ROLES,
    turnPolicy,
    ...(options.talkCapPerDay ? { talkCapPerDay: options.talkCapPerDay } : {}),
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.phase, "discussion");
  return run;
}

/** Answers each speaking turn with `text(speaker)` until the talk ends. */
function talk(run: Run, text: (id: PlayerId) => string): PlayerId[] {
  const said: PlayerId[] = [];
  while (run.state.phase === "discussion") {
    const speaker = run.state.pending[0]!.player_id;
    send(run, { type: "say", player_id: speaker, text: text(speaker) });
    said.push(speaker);
  }
  return said;
}

Deno.test("random_order: each round the living speak once, in the order speaking_order announced as the round began", () => {
  const run = firstDay("random_order", { rounds: 3 });
  const alive = living(run);
  const said = talk(run, (id) => `I am ${id}`);
  const orders = ofType(run.log, "speaking_order");
  assert.deepEqual(orders.map((o) => [o.day, o.round]), [[1, 1], [1, 2], [
    1,
    3,
  ]]);
  for (const { order } of orders) {
    assert.deepEqual([...order].sort(), [...alive].sort(), "a permutation");
  }
  assert.deepEqual(said, orders.flatMap((o) => o.order));
  // the seed draws different orders: not the seat order every round
  assert.ok(orders.some((o) => o.order.join() !== alive.join()));
  assert.ok(new Set(orders.map((o) => o.order.join())).size > 1);
  // each speaking_order comes before the round's first your_turn
  const first = run.log.findIndex((e) => e.type === "speaking_order");
  assert.equal(run.log[first + 1]!.type, "your_turn");
  assert.equal(run.state.phase, "vote");
  assertReplays(run);
});

Deno.test("random_order: the same seed draws the same orders, another seed others", () => {
  const orders = (seed: number) => {
    const run = firstDay("random_order", { seed, rounds: 2 });
    talk(run, () => "");
    return ofType(run.log, "speaking_order").map((o) => o.order.join());
  };
  assert.deepEqual(orders(9), orders(9));
  const seeds = [1, 2, 3, 4, 5, 6].map(orders).map((o) => o.join("|"));
  assert.ok(new Set(seeds).size > 1, "the seed changes the orders");
});

for (const turnPolicy of ["round_robin", "random_order"] as const) {
  Deno.test(`${turnPolicy}: a player who reached talkCapPerDay is left out of the later rounds, and a pass does not count`, () => {
    const run = firstDay(turnPolicy, { rounds: 3, talkCapPerDay: 1 });
    const alive = living(run);
    const talkers = new Set(alive.slice(0, 2));
    const said = talk(run, (id) => (talkers.has(id) ? `I am ${id}` : ""));
    const quiet = alive.filter((id) => !talkers.has(id));
    // round 1: everyone; rounds 2 and 3: only those who passed
    assert.deepEqual(said.slice(0, alive.length).sort(), [...alive].sort());
    const later = said.slice(alive.length);
    assert.equal(later.length, quiet.length * 2);
    assert.ok(later.every((id) => quiet.includes(id)));
    assert.equal(run.state.phase, "vote");
    assertReplays(run);
  });
}

Deno.test("round_robin: when every player reached the talk cap the day goes to the vote", () => {
  const run = firstDay("round_robin", { rounds: 3, talkCapPerDay: 1 });
  const said = talk(run, (id) => `I am ${id}`);
  assert.equal(said.length, living(run).length, "one round only");
  assert.equal(run.state.phase, "vote");
});

Deno.test("parallel: the round asks everyone at once; each speech is held (author and god only) until the last, then revealed in seat order", () => {
  const run = firstDay("parallel", { rounds: 2 });
  const alive = living(run);
  const [order] = ofType(run.log, "speaking_order");
  assert.deepEqual(order!.order, alive, "seat order");
  assert.deepEqual(run.state.pending.map((p) => p.player_id), alive);
  assert.ok(run.state.pending.every((p) => p.request === "speak"));
  const from = run.log.length;
  // answered in reverse seat order; the second one passes
  const answers = [...alive].reverse();
  for (const [i, id] of answers.entries()) {
    const events = send(run, {
      type: "say",
      player_id: id,
      text: i === 1 ? "" : `I am ${id}`,
      reasoning: `why ${id}`,
    });
    const held = events[0]!;
    assert.equal(held.type, "speech_held");
    assert.equal(redact(run.state, held, { kind: "public" }), null);
    assert.equal(redact(run.state, held, { kind: "god" }), held);
    assert.deepEqual(
      redact(run.state, held, { kind: "player", player_id: id }),
      held,
    );
    for (const other of alive.filter((o) => o !== id)) {
      assert.equal(
        redact(run.state, held, { kind: "player", player_id: other }),
        null,
      );
    }
    if (i < answers.length - 1) {
      assert.deepEqual(events.map((e) => e.type), ["speech_held"]);
    }
  }
  const revealed = run.log.slice(from).filter((e) =>
    e.type === "agent_message" ||
    (e.type === "player_action" && e.action === "pass")
  );
  const speakers = revealed.map((e) =>
    e.type === "agent_message" ? e.agent_id : (e as { player_id: string })
      .player_id
  );
  assert.deepEqual(speakers, alive, "revealed in seat order");
  const passer = answers[1]!;
  const pass = revealed[alive.indexOf(passer)]!;
  assert.equal(pass.type, "player_action");
  for (const message of ofType(revealed, "agent_message")) {
    assert.equal(message.channel, "public");
    assert.equal("reasoning" in message, false, "records stay held");
  }
  // round 2 begins at once
  assert.deepEqual(ofType(run.log.slice(from), "speaking_order").length, 1);
  assert.equal(run.state.pending.length, alive.length);
  assertReplays(run);
});

Deno.test("parallel: at the deadline a missing speech passes with cause deadline, revealed in seat order with the others", () => {
  const run = firstDay("parallel", { rounds: 1 });
  const alive = living(run);
  const [early, , late] = alive;
  send(run, { type: "say", player_id: late!, text: "late but here" });
  send(run, { type: "say", player_id: early!, text: "first" });
  const events = expire(run);
  const held = ofType(events, "speech_held");
  assert.equal(held.length, alive.length - 2);
  assert.ok(held.every((e) => e.default?.cause === "deadline"));
  const reveal = events.filter((e) =>
    e.type === "agent_message" || e.type === "player_action"
  );
  assert.deepEqual(
    reveal.map((e) => e.type === "agent_message" ? e.agent_id : e.player_id),
    alive,
  );
  for (const e of reveal) {
    if (e.type !== "player_action") continue;
    assert.equal(e.action, "pass");
    assert.equal(e.timed_out, true);
    assert.deepEqual(e.default, { cause: "deadline" });
  }
  assert.equal(run.state.phase, "vote");
  assertReplays(run);
});

Deno.test("parallel: a declared failure holds a default pass with its cause, public only at the reveal", () => {
  const run = firstDay("parallel", { rounds: 1 });
  const [first, ...rest] = living(run);
  const [held] = send(run, {
    type: "forfeit",
    player_id: first!,
    via: "say",
    failed: "model_error",
  });
  assert.equal(held!.type, "speech_held");
  assert.equal(redact(run.state, held!, { kind: "public" }), null);
  for (const id of rest) send(run, { type: "say", player_id: id, text: "hi" });
  const pass = ofType(run.log, "player_action").find((e) =>
    e.player_id === first && e.action === "pass"
  )!;
  assert.deepEqual(
    [pass.timed_out, pass.default],
    [false, { cause: "model_error" }],
  );
});

Deno.test("parallel: a speech already held is refused until the next round, saying so", () => {
  const run = firstDay("parallel", { rounds: 2 });
  const [first] = living(run);
  send(run, { type: "say", player_id: first!, text: "mine" });
  assert.deepEqual(
    refused(run, { type: "say", player_id: first!, text: "again" }),
    {
      code: "PRECONDITION_FAILED",
      message:
        "not your turn to speak: you already spoke this round; the round's speeches are revealed together; speak on your own speaking turn in the discussion",
    },
  );
});

Deno.test("parallel with talkCapPerDay asks later rounds only of those under the cap", () => {
  const run = firstDay("parallel", { rounds: 2, talkCapPerDay: 1 });
  const alive = living(run);
  for (const [i, id] of alive.entries()) {
    send(run, { type: "say", player_id: id, text: i < 2 ? "hello" : "" });
  }
  assert.deepEqual(
    run.state.pending.map((p) => p.player_id),
    alive.slice(2),
  );
});

Deno.test("simultaneous votes: each vote is its voter's and the god view's until vote_result reveals them all", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    roles: ROLES,
    votePolicy: "simultaneous",
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.phase, "vote");
  const alive = living(run);
  const from = run.log.length;
  voteAll(run, (voter) => voter === alive[0] ? null : alive[0]!);
  const votes = ofType(run.log.slice(from), "player_action");
  for (const vote of votes) {
    assert.equal(redact(run.state, vote, { kind: "public" }), null);
    for (const other of alive.filter((id) => id !== vote.player_id)) {
      assert.equal(
        redact(run.state, vote, { kind: "player", player_id: other }),
        null,
      );
    }
    assert.ok(
      redact(run.state, vote, { kind: "player", player_id: vote.player_id }),
    );
  }
  const [result] = ofType(run.log.slice(from), "vote_result");
  const expected = Object.fromEntries(
    alive.map((id) => [id, id === alive[0] ? null : alive[0]!]),
  );
  assert.deepEqual(result!.votes, expected);
  assert.deepEqual(redact(run.state, result!, { kind: "public" }), result);
  assert.equal(result!.eliminated, alive[0]);
  assertReplays(run);
});

Deno.test("sequential votes (the default) are public as cast and vote_result has no votes field", () => {
  const run = newGame({ players: 6, seed: 9, roles: ROLES });
  night(run, { kill: byRole(run, "villager")[0]! });
  const from = run.log.length;
  const alive = living(run);
  voteAll(run, (voter) => voter === alive[1] ? alive[0]! : alive[1]!);
  for (const vote of ofType(run.log.slice(from), "player_action")) {
    assert.ok(redact(run.state, vote, { kind: "public" }));
  }
  const [result] = ofType(run.log.slice(from), "vote_result");
  assert.equal("votes" in result!, false);
});

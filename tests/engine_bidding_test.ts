/**
 * The bidding turn policy with fixed seeds: who is asked and who speaks
 * (the highest bid, then a name, then the seeded RNG), and the defaults.
 * @module
 */
import assert from "node:assert/strict";
import {
  BID_AMOUNTS,
  type GameEventOf,
  type PlayerId,
} from "../src/contract/mod.ts";
import {
  assertReplays,
  expire,
  ofType,
  refused,
  send,
} from "./engine_helpers_test.ts";
import { bidAll, bidders, biddingDay, living, speak } from "./_bidding.ts";

Deno.test("bidding: every living player is asked to bid 0 to BID_MAX, the highest bid speaks, then all but the last speaker bid again", () => {
  const run = biddingDay();
  const alive = living(run);
  assert.deepEqual(bidders(run), alive);
  for (const p of run.state.pending) {
    assert.deepEqual(p.amounts, [...BID_AMOUNTS]);
    assert.deepEqual(p.options, []);
  }
  assert.deepEqual(BID_AMOUNTS, [0, 1, 2, 3, 4]);
  const amounts = [1, 2, 4, 0, 3];
  const revealed = bidAll(run, (id) => amounts[alive.indexOf(id)]!);
  assert.deepEqual(
    revealed.bids,
    Object.fromEntries(
      alive.map((id, i) => [id, amounts[i]!]),
    ),
  );
  assert.deepEqual(
    [revealed.day, revealed.turn, revealed.speaker, revealed.tie_break],
    [1, 1, alive[2], "highest"],
  );
  assert.deepEqual(run.state.pending.map((p) => [p.player_id, p.request]), [
    [alive[2], "speak"],
  ]);
  assert.equal(speak(run, "hello"), alive[2]);
  assert.deepEqual(bidders(run), alive.filter((id) => id !== alive[2]));
  assertReplays(run);
});

Deno.test("bidding: a tie goes to the player the last speech named, by name or by id", () => {
  for (const by of ["name", "id"] as const) {
    const run = biddingDay();
    const alive = living(run);
    const first = alive[0]!;
    bidAll(run, (id) => (id === first ? 4 : 0));
    const [a, b] = alive.slice(1);
    const named = run.state.players.find((s) => s.id === b)!;
    speak(run, `I suspect ${by === "name" ? named.name : named.id}.`);
    const revealed = bidAll(run, (id) => (id === a || id === b ? 4 : 1));
    assert.deepEqual([revealed.speaker, revealed.tie_break], [b, "named"], by);
  }
});

Deno.test("bidding: a tie with no one named goes to the seeded RNG: the same seed the same speaker, replayed exactly", () => {
  const speakers = new Set<PlayerId>();
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const pick = () => {
      const run = biddingDay({ seed });
      const revealed = bidAll(run, () => 3);
      assert.equal(revealed.tie_break, "random");
      assertReplays(run);
      return revealed.speaker!;
    };
    const speaker = pick();
    assert.equal(pick(), speaker, `seed ${seed} draws alike`);
    speakers.add(speaker);
  }
  assert.ok(speakers.size > 1, "the seed changes the draw");
});

Deno.test("bidding: a tie among several named players is drawn among the named only", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const run = biddingDay({ seed });
    const alive = living(run);
    bidAll(run, (id) => (id === alive[0] ? 4 : 0));
    const [a, b] = [alive[1]!, alive[2]!];
    speak(run, `Both ${a} and ${b} are lying.`);
    const revealed = bidAll(run, () => 2);
    assert.equal(revealed.tie_break, "random");
    assert.ok([a, b].includes(revealed.speaker!), `seed ${seed}`);
  }
});

Deno.test("bidding: at the deadline a missing bid counts 0, recorded as a default with cause deadline", () => {
  const run = biddingDay();
  const alive = living(run);
  send(run, { type: "bid", player_id: alive[3]!, amount: 2 });
  const events = expire(run);
  const defaults = ofType(events, "player_action");
  assert.deepEqual(
    defaults.map((e) => e.player_id),
    alive.filter((id) => id !== alive[3]),
  );
  for (const e of defaults) {
    assert.deepEqual(
      [e.action, e.amount, e.timed_out, e.default],
      ["bid", 0, true, { cause: "deadline" }],
    );
  }
  const [revealed] = ofType(events, "bids_revealed");
  assert.equal(revealed!.bids[alive[0]!], 0);
  assert.deepEqual([revealed!.speaker, revealed!.tie_break], [
    alive[3],
    "highest",
  ]);
});

Deno.test("bidding: a declared failure bids 0 at once with its cause", () => {
  const run = biddingDay();
  const [first] = living(run);
  const [event] = send(run, {
    type: "forfeit",
    player_id: first!,
    via: "bid",
    failed: "invalid_output",
  });
  assert.equal(event!.type, "player_action");
  const action = event as GameEventOf<"player_action">;
  assert.deepEqual(
    [action.action, action.amount, action.timed_out, action.default],
    ["bid", 0, false, { cause: "invalid_output" }],
  );
  const wrong = refused(run, {
    type: "forfeit",
    player_id: living(run)[1]!,
    via: "say",
    failed: "model_error",
  });
  assert.match(
    wrong.message,
    /the game awaits your bid, answered with game\.bid/,
  );
});

/**
 * The bidding turn policy with fixed seeds: the end of the talk (every bid
 * 0, `maxTurns`), the talk cap, what a bid shows, the dead, and refusals.
 * @module
 */
import assert from "node:assert/strict";
import type { PlayerId } from "../src/contract/mod.ts";
import { redact } from "../src/engine/mod.ts";
import {
  act,
  assertReplays,
  byRole,
  newGame,
  night,
  ofType,
  one,
  refused,
  send,
} from "./engine_helpers_test.ts";
import {
  bidAll,
  bidders,
  biddingDay,
  living,
  ROLES,
  speak,
} from "./_bidding.ts";

Deno.test("bidding: when every bid is 0 the talk ends, the bids revealed with no speaker", () => {
  const run = biddingDay();
  const revealed = bidAll(run, () => 0);
  assert.deepEqual([revealed.speaker, revealed.tie_break], [null, null]);
  assert.equal(run.state.phase, "vote");
  assertReplays(run);
});

Deno.test("bidding: the talk ends after maxTurns turns; maxTurns defaults to the players; 0 goes straight to the vote", () => {
  const run = biddingDay({ maxTurns: 2 });
  for (let turn = 1; turn <= 2; turn++) {
    const revealed = bidAll(run, () => 1 + turn);
    assert.equal(revealed.turn, turn);
    speak(run, `turn ${turn}`);
  }
  assert.equal(run.state.phase, "vote");
  assert.equal(biddingDay().state.settings.maxTurns, 6);
  const none = newGame({
    players: 6,
    seed: 9,
    roles: ROLES,
    turnPolicy: "bidding",
    maxTurns: 0,
  });
  night(none, { kill: byRole(none, "villager")[0]! });
  assert.equal(none.state.phase, "vote");
});

Deno.test("bidding: a player at talkCapPerDay is asked no more bids that day; a pass does not count", () => {
  const run = biddingDay({ talkCapPerDay: 1 });
  const alive = living(run);
  const [a, b] = alive;
  bidAll(run, (id) => (id === a ? 4 : 0));
  speak(run, "my one speech");
  bidAll(run, (id) => (id === b ? 4 : 1));
  speak(run, ""); // b passes: still under the cap
  assert.deepEqual(bidders(run), alive.filter((id) => id !== a && id !== b));
  bidAll(run, (id) => (id === alive[2] ? 4 : 1));
  speak(run, "");
  assert.ok(bidders(run).includes(b!), "a pass does not count");
  assert.ok(!bidders(run).includes(a!), "a is at the cap");
});

Deno.test("bidding: a bid is seen by its bidder and the god view only, until bids_revealed makes every bid public", () => {
  const run = biddingDay();
  const alive = living(run);
  const from = run.log.length;
  const revealed = bidAll(run, (id) => alive.indexOf(id) % 5);
  for (const bid of ofType(run.log.slice(from), "player_action")) {
    assert.equal(redact(run.state, bid, { kind: "public" }), null);
    assert.equal(redact(run.state, bid, { kind: "god" }), bid);
    for (const id of alive) {
      const seen = redact(run.state, bid, { kind: "player", player_id: id });
      assert.equal(seen !== null, id === bid.player_id);
    }
  }
  assert.deepEqual(redact(run.state, revealed, { kind: "public" }), revealed);
});

Deno.test("bidding: the dead cannot bid; the hunter killed at night shoots before the talk, and neither he nor his target is asked", () => {
  // No one dies during the discussion (deaths come at dawn, at the vote
  // and by the hunter's shot, all outside the talk), so the hunter cannot
  // die mid-talk: this is the closest case.
  const run = newGame({
    players: 6,
    seed: 5,
    roles: { werewolf: 1, hunter: 1, villager: 4 },
    turnPolicy: "bidding",
  });
  const hunter = one(run, "hunter");
  night(run, { kill: hunter });
  assert.equal(run.state.phase, "hunter");
  const target = byRole(run, "villager")[0]!;
  act(run, hunter, { kind: "hunter_shoot", target });
  assert.equal(run.state.phase, "discussion");
  assert.deepEqual(bidders(run), living(run));
  for (const dead of [hunter, target]) {
    assert.deepEqual(
      refused(run, { type: "bid", player_id: dead, amount: 4 }),
      {
        code: "FORBIDDEN",
        message: `${dead} is dead: the dead neither speak, vote nor act`,
      },
    );
  }
});

Deno.test("bidding: refusals name the phase and the caller's own situation", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    roles: ROLES,
    turnPolicy: "bidding",
  });
  const villager = byRole(run, "villager")[0]!;
  const at = (id: PlayerId, amount: number) =>
    refused(run, { type: "bid", player_id: id, amount });
  assert.deepEqual(at(villager, 1), {
    code: "PRECONDITION_FAILED",
    message:
      "not the time to bid: this is the night phase; the players bid for each speaking turn in the discussion",
  });
  night(run, { kill: byRole(run, "villager")[1]! });
  assert.deepEqual(at(villager, 5), {
    code: "BAD_REQUEST",
    message:
      "5 is not a bid: bid one of 0, 1, 2, 3, 4 (0: listen, 4: you were addressed directly)",
  });
  assert.match(
    refused(run, { type: "say", player_id: villager, text: "me!" }).message,
    /^not your turn to speak: the players are bidding for the next speaking turn, bid with game\.bid;/,
  );
  send(run, { type: "bid", player_id: villager, amount: 4 });
  assert.match(at(villager, 3).message, /^you already bid for this turn/);
  for (const id of bidders(run)) {
    send(run, { type: "bid", player_id: id, amount: 0 });
  }
  assert.match(at(villager, 3).message, /the speaking turn is yours/);
  speak(run, "");
  assert.match(at(villager, 3).message, /you had the last speaking turn/);
  const plain = newGame({ players: 6, seed: 9, roles: ROLES, rounds: 1 });
  night(plain, { kill: byRole(plain, "villager")[1]! });
  assert.equal(
    refused(plain, { type: "bid", player_id: villager, amount: 1 }).message,
    "this game does not bid for speaking turns: its turn policy is round_robin",
  );
});

/**
 * The bidding turn policy with fixed seeds: who is asked, who speaks (the
 * highest bid, then a name, then the seeded RNG), defaults at the
 * deadline, the end of the talk, the talk cap, the dead, and refusals.
 * @module
 */
import assert from "node:assert/strict";
import {
  BID_AMOUNTS,
  type GameEventOf,
  type PlayerId,
} from "../src/contract/mod.ts";
import { redact } from "../src/engine/mod.ts";
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
  type Run,
  send,
} from "./engine_helpers_test.ts";

const ROLES = { werewolf: 1, villager: 5 };
const living = (run: Run): PlayerId[] =>
  run.state.players.filter((s) => s.alive).map((s) => s.id);
const bidders = (run: Run): PlayerId[] =>
  run.state.pending.filter((p) => p.request === "bid").map((p) => p.player_id);

/** A 6-seat bidding game at its first discussion (one villager died). */
function biddingDay(
  options: { seed?: number; maxTurns?: number; talkCapPerDay?: number } = {},
): Run {
  const run = newGame({
    players: 6,
    seed: options.seed ?? 9,
    roles: ROLES,
    turnPolicy: "bidding",
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.talkCapPerDay ? { talkCapPerDay: options.talkCapPerDay } : {}),
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.phase, "discussion");
  return run;
}

/** Every asked player bids `amount(id)`; the bids revealed. */
function bidAll(
  run: Run,
  amount: (id: PlayerId) => number,
): GameEventOf<"bids_revealed"> {
  const from = run.log.length;
  for (const id of bidders(run)) {
    send(run, { type: "bid", player_id: id, amount: amount(id) });
  }
  const [revealed] = ofType(run.log.slice(from), "bids_revealed");
  assert.ok(revealed, "the bids were revealed");
  return revealed;
}

/** The turn's speaker says `text`. */
function speak(run: Run, text: string): PlayerId {
  const p = run.state.pending.find((p) => p.request === "speak")!;
  send(run, { type: "say", player_id: p.player_id, text });
  return p.player_id;
}

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

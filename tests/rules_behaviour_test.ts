/**
 * The announced rules are the enforced rules, in play: whole seeded games
 * under each turn and vote policy behave as their `game_created.rules`
 * (and so their `rulesText`, `rules_test.ts`) say: the speaking order,
 * the turn counts, the talk cap and when held moves are revealed.
 * @module
 */
import assert from "node:assert/strict";
import {
  type GameEvent,
  type PlayerId,
  type Rules,
  TURN_POLICIES,
  VOTE_POLICIES,
} from "../src/contract/mod.ts";
import { evolve, initialState, redact } from "../src/engine/mod.ts";
import { autoplay, newGame, ofType, type Run } from "./engine_helpers_test.ts";

/** One day's discussion: the living as it began and its events. */
interface Talk {
  day: number;
  living: PlayerId[];
  events: GameEvent[];
}

function talksOf(log: readonly GameEvent[]): Talk[] {
  let state = initialState();
  const talks: Talk[] = [];
  let current: Talk | null = null;
  for (const event of log) {
    state = evolve(state, event);
    if (event.type === "phase_update") {
      current = event.new_phase === "discussion"
        ? {
          day: event.day,
          living: state.players.filter((s) => s.alive).map((s) => s.id),
          events: [],
        }
        : null;
      if (current !== null) talks.push(current);
      continue;
    }
    current?.events.push(event);
  }
  return talks;
}

/** Who had each turn of a talk: a public speech or a pass, in order. */
function turnsOf(talk: Talk): PlayerId[] {
  return talk.events.flatMap((e) =>
    e.type === "agent_message" && e.channel === "public"
      ? [e.agent_id]
      : e.type === "player_action" && e.action === "pass"
      ? [e.player_id]
      : []
  );
}

/** Checks `run`'s log against what `rules` says of the talk and the vote. */
function checkClaims(rules: Rules, run: Run): number {
  const { log } = run;
  const talks = talksOf(log);
  const rounds = rules.discussionRounds ?? 0;
  for (const talk of talks) {
    const turns = turnsOf(talk);
    const spoken = new Map<PlayerId, number>();
    for (const e of ofType(talk.events, "agent_message")) {
      spoken.set(e.agent_id, (spoken.get(e.agent_id) ?? 0) + 1);
    }
    if (rules.talkCapPerDay !== null) {
      for (const [id, n] of spoken) {
        assert.ok(n <= rules.talkCapPerDay, `${id} spoke ${n} times`);
      }
    }
    const orders = ofType(talk.events, "speaking_order");
    switch (rules.turnPolicy) {
      case "round_robin": {
        const first = (talk.day - 1) % talk.living.length;
        const rotated = [
          ...talk.living.slice(first),
          ...talk.living.slice(0, first),
        ];
        assert.equal(orders.length, 0);
        if (rules.talkCapPerDay === null) {
          assert.deepEqual(
            turns,
            Array.from({ length: rounds }, () => rotated).flat(),
          );
        }
        break;
      }
      case "random_order":
        assert.ok(orders.length <= rounds);
        if (rules.talkCapPerDay === null) assert.equal(orders.length, rounds);
        for (const { order } of orders) {
          assert.ok(order.every((id) => talk.living.includes(id)));
          assert.equal(new Set(order).size, order.length);
        }
        assert.deepEqual(turns, orders.flatMap((o) => o.order));
        break;
      case "parallel": {
        assert.deepEqual(
          turns,
          orders.flatMap((o) => o.order),
          "seat order, each round",
        );
        for (const { order } of orders) {
          assert.deepEqual(
            order,
            talk.living.filter((id) => order.includes(id)),
          );
        }
        // nothing public is said between a round's start and its last held speech
        let open = 0;
        for (const e of talk.events) {
          if (e.type === "speaking_order") open = e.order.length;
          if (e.type === "speech_held") open--;
          if (
            e.type === "agent_message" ||
            (e.type === "player_action" && e.action === "pass")
          ) {
            assert.equal(open, 0, "revealed before every speech was in");
          }
        }
        break;
      }
      case "bidding": {
        const decided = ofType(talk.events, "bids_revealed");
        const given = decided.filter((b) => b.speaker !== null);
        assert.ok(given.length <= (rules.maxTurns ?? 0));
        assert.deepEqual(turns, given.map((b) => b.speaker));
        for (const b of decided) {
          const top = Math.max(...Object.values(b.bids));
          if (b.speaker === null) assert.equal(top, 0);
          else assert.equal(b.bids[b.speaker], top);
          for (const amount of Object.values(b.bids)) {
            assert.ok(rules.bidAmounts!.includes(amount));
          }
        }
        const cap = rules.talkCapPerDay;
        const last = turns.at(-1);
        const eligible = talk.living.filter((id) =>
          id !== last && (cap === null || (spoken.get(id) ?? 0) < cap)
        );
        const ended = decided.at(-1)?.speaker === null ||
          given.length === rules.maxTurns || eligible.length === 0;
        assert.ok(ended, `day ${talk.day}: the talk ended early`);
        break;
      }
    }
  }
  const seen = (e: GameEvent) => redact(run.state, e, { kind: "public" });
  const votes = ofType(log, "player_action").filter((e) => e.action === "vote");
  for (const vote of votes) {
    assert.equal(seen(vote) !== null, rules.votePolicy === "sequential");
  }
  for (const result of ofType(log, "vote_result")) {
    assert.equal("votes" in result, rules.votePolicy === "simultaneous");
    assert.ok(seen(result));
    if (result.votes === undefined) continue;
    // the revealed votes are the held ones (defaults: null)
    for (const [voter, target] of Object.entries(result.votes)) {
      const cast = votes.findLast((v) =>
        v.player_id === voter && v.seq < result.seq
      );
      assert.equal(cast?.target ?? null, target);
    }
  }
  return talks.length;
}

for (const turnPolicy of TURN_POLICIES) {
  for (const votePolicy of VOTE_POLICIES) {
    Deno.test(`whole seeded games under ${turnPolicy}/${votePolicy} behave as their rules say`, () => {
      let talks = 0;
      for (let seed = 1; seed <= 12; seed++) {
        const run = newGame({
          players: 6 + (seed % 5),
          seed,
          ...(turnPolicy === "bidding"
            ? { maxTurns: 1 + (seed % 6) }
            : { rounds: 1 + (seed % 3) }),
          turnPolicy,
          votePolicy,
          talkCapPerDay: seed % 3 === 0 ? 1 : null,
        });
        autoplay(run, seed);
        const [created] = ofType(run.log, "game_created");
        talks += checkClaims(created!.rules!, run);
      }
      assert.ok(talks > 12, `only ${talks} discussions checked`);
    });
  }
}

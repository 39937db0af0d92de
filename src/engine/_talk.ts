/**
 * The discussion under each turn policy, as `decide` runs it: who is asked
 * to speak next, when a round begins and ends, and the parallel reveal.
 * Bidding has its own module (`_bidding.ts`).
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import { nextBidding } from "./_bidding.ts";
import { enterVote } from "./_day.ts";
import { deadlineOf, type Draft, emit } from "./_emit.ts";
import { rngShuffle } from "./_rng.ts";
import { seatOf } from "./_query.ts";
import { talkers } from "./_talk_rules.ts";
import { enterPhase } from "./_steps.ts";

/** The day's talk begins, or the vote when the settings give it no turn. */
export function enterTalk(d: Draft): void {
  const { turnPolicy, discussionRounds, maxTurns } = d.state.settings;
  const turns = turnPolicy === "bidding" ? maxTurns : discussionRounds;
  if ((turns ?? 0) === 0) return enterVote(d);
  enterPhase(d, "discussion", d.state.day, true);
  nextTalk(d);
}

/** The talk goes on once nothing is awaited: the next turn, or the vote. */
export function nextTalk(d: Draft): void {
  switch (d.state.settings.turnPolicy) {
    case "parallel":
      return nextParallel(d);
    case "bidding":
      return nextBidding(d);
    default:
      return nextInOrder(d);
  }
}

/**
 * round_robin and random_order: the round's next speaker. A random_order
 * round begins with its order drawn from the seeded RNG (`speaking_order`);
 * a round_robin round's order follows from the state (`roundRobinOrder`).
 */
function nextInOrder(d: Draft): void {
  const rounds = d.state.settings.discussionRounds ?? 0;
  const { talk } = d.state;
  if (
    d.state.settings.turnPolicy === "random_order" &&
    talk.next >= talk.order.length && talk.round < rounds
  ) {
    const candidates = talkers(d.state);
    if (candidates.length > 0) {
      const [order] = rngShuffle(d.state.rng, candidates);
      emit(d, {
        type: "speaking_order",
        day: d.state.day,
        round: talk.round + 1,
        order,
      });
    }
  }
  const { order, next, round } = d.state.talk;
  if (round > rounds || next >= order.length) return enterVote(d);
  emit(d, {
    type: "your_turn",
    player_id: order[next] as PlayerId,
    request: "speak",
    options: [],
    deadline: deadlineOf(d),
  });
}

/**
 * parallel: reveals the round that was asked (every speech in, or the
 * deadline passed), then asks the next round of everyone at once.
 */
function nextParallel(d: Draft): void {
  if (d.state.talk.round > 0 && d.state.talk.next < d.state.talk.order.length) {
    reveal(d);
  }
  const { talk, settings } = d.state;
  const order = talkers(d.state);
  if (talk.round >= (settings.discussionRounds ?? 0) || order.length === 0) {
    return enterVote(d);
  }
  emit(d, {
    type: "speaking_order",
    day: d.state.day,
    round: talk.round + 1,
    order,
  });
  const deadline = deadlineOf(d);
  for (const player_id of order) {
    emit(d, {
      type: "your_turn",
      player_id,
      request: "speak",
      options: [],
      deadline,
    });
  }
}

/**
 * The round's speeches made public together, in seat order: each held
 * text as an `agent_message`, each pass (or default) as a `pass`.
 */
function reveal(d: Draft): void {
  const { order, held } = d.state.talk;
  for (const id of order) {
    const seat = seatOf(d.state, id)!;
    const speech = held[id] ??
      { text: "", redactedLines: 0, cause: "deadline" };
    if (speech.text !== "") {
      emit(d, {
        type: "agent_message",
        agent_id: id,
        agent_name: seat.name,
        message_text: speech.text,
        ...(speech.redactedLines > 0
          ? { redacted_lines: speech.redactedLines }
          : {}),
        phase: "discussion",
        channel: "public",
      });
      continue;
    }
    emit(d, {
      type: "player_action",
      player_id: id,
      action: "pass",
      target: null,
      timed_out: speech.cause === "deadline",
      ...(speech.cause === null ? {} : { default: { cause: speech.cause } }),
    });
  }
}

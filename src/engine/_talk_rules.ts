/**
 * The discussion's rules that `decide` and `evolve` share: who may still
 * talk today, the round-robin order, and how a turn taken changes the talk.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import { namedIn } from "./named.ts";
import type { GameState, TalkState } from "./types.ts";

/** The talk before the discussion's first turn. */
export function freshTalk(): TalkState {
  return {
    order: [],
    round: 0,
    next: 0,
    spoken: {},
    last: null,
    named: [],
    bids: {},
    held: {},
  };
}

/** Whether `id` reached the game's talk cap today. */
export function capped(state: GameState, id: PlayerId): boolean {
  const cap = state.settings.talkCapPerDay;
  return cap !== null && (state.talk.spoken[id] ?? 0) >= cap;
}

/** The living who may still speak today (under the talk cap), in seat order. */
export function talkers(state: GameState): PlayerId[] {
  return state.players
    .filter((seat) => seat.alive && !capped(state, seat.id))
    .map((seat) => seat.id);
}

/**
 * A round-robin round's order: the living in seat order, rotated by the
 * day (the first speaker moves one seat a day), without those at the cap.
 */
export function roundRobinOrder(state: GameState): PlayerId[] {
  const ids = state.players.filter((seat) => seat.alive).map((s) => s.id);
  if (ids.length === 0) return [];
  const first = (state.day - 1) % ids.length;
  return [...ids.slice(first), ...ids.slice(0, first)]
    .filter((id) => !capped(state, id));
}

/** The discussion begins: a fresh talk (round_robin: its first round). */
export function beginTalk(state: GameState): GameState {
  const next = { ...state, talk: freshTalk() };
  if (state.settings.turnPolicy !== "round_robin") return next;
  return {
    ...next,
    talk: { ...next.talk, order: roundRobinOrder(next), round: 1 },
  };
}

/**
 * `id` had its turn, saying `text` ("" passed): one more turn of the
 * round, one more speech for the cap, the bidding's last speaker and whom
 * it named; a round-robin round that ends rolls into the next.
 */
export function turnTaken(
  state: GameState,
  id: PlayerId,
  text: string,
): GameState {
  const { talk } = state;
  const spoken = text === ""
    ? talk.spoken
    : { ...talk.spoken, [id]: (talk.spoken[id] ?? 0) + 1 };
  const named = text === "" ? [] : namedIn(text, state.players, id);
  const next: GameState = {
    ...state,
    talk: { ...talk, next: talk.next + 1, spoken, last: id, named },
  };
  if (
    next.settings.turnPolicy !== "round_robin" ||
    next.talk.next < next.talk.order.length
  ) return next;
  return {
    ...next,
    talk: {
      ...next.talk,
      order: roundRobinOrder(next),
      round: next.talk.round + 1,
      next: 0,
    },
  };
}

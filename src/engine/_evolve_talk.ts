/**
 * How `evolve` folds the turn policies' own events: a round's order, the
 * bids revealed, a held speech. The RNG draws they carry were made by
 * `decide`; folding one moves the generator past them.
 * @module
 */
import type { GameEventOf } from "../contract/mod.ts";
import { rngSkip, shuffleDraws } from "./_rng.ts";
import type { GameState } from "./types.ts";

/** A round begins with `event.order` (random_order: drawn, one shuffle). */
export function applySpeakingOrder(
  state: GameState,
  event: GameEventOf<"speaking_order">,
): GameState {
  const drawn = state.settings.turnPolicy === "random_order";
  return {
    ...state,
    rng: drawn
      ? rngSkip(state.rng, shuffleDraws(event.order.length))
      : state.rng,
    talk: {
      ...state.talk,
      order: [...event.order],
      round: event.round,
      next: 0,
      held: {},
    },
  };
}

/** A bidding turn is decided: the bids are spent (a random tie: one draw). */
export function applyBidsRevealed(
  state: GameState,
  event: GameEventOf<"bids_revealed">,
): GameState {
  return {
    ...state,
    rng: event.tie_break === "random" ? rngSkip(state.rng, 1) : state.rng,
    talk: {
      ...state.talk,
      bids: {},
      round: event.speaker === null ? state.talk.round : event.turn,
    },
  };
}

/** A parallel speech is held until the round's reveal; its turn is done. */
export function applySpeechHeld(
  state: GameState,
  event: GameEventOf<"speech_held">,
): GameState {
  return {
    ...state,
    pending: state.pending.filter((p) => p.player_id !== event.player_id),
    talk: {
      ...state.talk,
      held: {
        ...state.talk.held,
        [event.player_id]: {
          text: event.message_text,
          redactedLines: event.redacted_lines ?? 0,
          cause: event.default?.cause ?? null,
        },
      },
    },
  };
}

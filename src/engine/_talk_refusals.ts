/**
 * Why a `say` or a `bid` outside the caller's turn is refused, under each
 * turn policy. Each sentence names only the phase, what everyone already
 * knows of the talk, and the caller's own situation: never whom else the
 * game waits for.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import { pendingOf, phaseText } from "./_query.ts";
import { capped } from "./_talk_rules.ts";
import type { GameState } from "./types.ts";

/** The caller's own reason to have no turn today, if the talk cap is it. */
function capText(state: GameState, id: PlayerId): string | null {
  return capped(state, id)
    ? `you reached this game's talk cap of ${state.settings.talkCapPerDay} speeches today`
    : null;
}

/**
 * Whether the bids for a turn are being asked: public, since they are
 * asked after every speech until the vote begins.
 */
function biddingOpen(state: GameState): boolean {
  return state.pending.some((p) => p.request === "bid");
}

/** What the discussion is doing, as everyone can tell from the public log. */
function talkText(state: GameState, id: PlayerId): string {
  const { turnPolicy } = state.settings;
  if (turnPolicy === "parallel") {
    return id in state.talk.held
      ? "you already spoke this round; the round's speeches are revealed together"
      : "this round's speeches are revealed together";
  }
  if (turnPolicy !== "bidding" || !biddingOpen(state)) {
    return "another player has the speaking turn";
  }
  return pendingOf(state, id)?.request === "bid"
    ? "the players are bidding for the next speaking turn, bid with game.bid"
    : "the players are bidding for the next speaking turn";
}

/** A `say` out of the caller's speaking turn. */
export function speakRefusal(
  state: GameState,
  id: PlayerId,
  wolf: boolean,
): string {
  const now = state.phase !== "discussion"
    ? phaseText(state)
    : capText(state, id) ?? talkText(state, id);
  return `not your turn to speak: ${now}; speak on your own speaking turn in the discussion${
    wolf ? " or on the werewolves' channel at night" : ""
  }`;
}

/** A `bid` when the caller is not asked for one. */
export function bidRefusal(state: GameState, id: PlayerId): string {
  const { turnPolicy } = state.settings;
  if (turnPolicy !== "bidding") {
    return `this game does not bid for speaking turns: its turn policy is ${turnPolicy}`;
  }
  if (state.phase !== "discussion") {
    return `not the time to bid: ${
      phaseText(state)
    }; the players bid for each speaking turn in the discussion`;
  }
  const cap = capText(state, id);
  if (cap !== null) return `no bid from you: ${cap}`;
  if (pendingOf(state, id)?.request === "speak") {
    return "no bid from you: the speaking turn is yours, speak with game.say";
  }
  if (id in state.talk.bids && biddingOpen(state)) {
    return "you already bid for this turn: one bid each, and the bids are revealed once the turn is decided";
  }
  if (id === state.talk.last) {
    return "no bid from you: you had the last speaking turn, the others bid for the next";
  }
  return "no bid is open: another player has the speaking turn, and the next turn's bids are asked after it";
}

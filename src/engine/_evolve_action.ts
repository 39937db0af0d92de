/**
 * How `evolve` folds a `player_action`: what each action records and when the
 * player's turn ends.
 * @module
 */
import { BID_DEFAULT, type GameEventOf } from "../contract/mod.ts";
import { witchCanAct } from "./_query.ts";
import { turnTaken } from "./_talk_rules.ts";
import type { GameState } from "./types.ts";

/** Folds one `player_action` (the state's `seq` is already set). */
export function applyAction(
  state: GameState,
  event: GameEventOf<"player_action">,
): GameState {
  const done: GameState = {
    ...state,
    pending: state.pending.filter((p) => p.player_id !== event.player_id),
  };
  const { target } = event;
  switch (event.action) {
    case "pass":
      return turnTaken(done, event.player_id, "");
    case "bid":
      return {
        ...done,
        talk: {
          ...done.talk,
          bids: {
            ...done.talk.bids,
            [event.player_id]: event.amount ?? BID_DEFAULT,
          },
        },
      };
    case "vote":
      return { ...done, votes: { ...state.votes, [event.player_id]: target } };
    case "wolf_kill":
      if (target === null) return done;
      return {
        ...done,
        night: {
          ...state.night,
          choices: { ...state.night.choices, [event.player_id]: target },
        },
      };
    case "guard_protect":
      return { ...done, night: { ...state.night, protected: target } };
    case "witch_save":
      return witchStays({
        ...state,
        potions: { ...state.potions, heal: false },
        night: { ...state.night, saved: true },
      }, done);
    case "witch_poison":
      return witchStays({
        ...state,
        potions: { ...state.potions, poison: false },
        night: { ...state.night, poisoned: target },
      }, done);
    default:
      // seer_inspect, witch_pass, hunter_shoot: the turn ends.
      return done;
  }
}

/** The witch's turn goes on while she has something usable left. */
function witchStays(state: GameState, done: GameState): GameState {
  return witchCanAct(state) ? state : { ...state, pending: done.pending };
}

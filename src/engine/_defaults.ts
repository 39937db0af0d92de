/**
 * The defaults the server applies for an awaited action that never came,
 * and why: the deadline passed (`timeout`), or the agent declared a
 * failure (`forfeit`). One table of defaults for both.
 * @module
 */
import { BID_DEFAULT, type Failure } from "../contract/mod.ts";
import { accept, draft, emit, type EventBody, refuse } from "./_emit.ts";
import { pendingOf, phaseText } from "./_query.ts";
import { recordsOf } from "./_records.ts";
import { advance } from "./_steps.ts";
import { checkActor } from "./_checks.ts";
import { REQUEST_RULES } from "./requests.ts";
import type { Command, Decision, GameState, PendingAction } from "./types.ts";

type Cause = "deadline" | Failure;

/**
 * The event of `pending`'s default, with its cause: its `player_action`
 * (the request's `defaultAction` in `REQUEST_RULES`: speak → pass, vote →
 * abstain, a night power or the hunter's shot → no target, the witch →
 * `witch_pass`, a bid → `BID_DEFAULT`), or in a parallel round a held pass
 * (`speech_held`). (The werewolves' victim, when none chose, is drawn as
 * the night closes.)
 */
export function defaultAction(
  state: GameState,
  pending: PendingAction,
  cause: Cause,
): EventBody {
  if (pending.request === "speak" && state.settings.turnPolicy === "parallel") {
    return {
      type: "speech_held",
      player_id: pending.player_id,
      day: state.day,
      round: state.talk.round,
      message_text: "",
      default: { cause },
    };
  }
  return {
    type: "player_action",
    player_id: pending.player_id,
    action: REQUEST_RULES[pending.request].defaultAction,
    target: null,
    ...(pending.request === "bid" ? { amount: BID_DEFAULT } : {}),
    timed_out: cause === "deadline",
    default: { cause },
  };
}

/**
 * `forfeit`: the agent could not produce its move (`failed`); the default
 * of its own awaited request applies at once, with the cause and the
 * agent's records on the event. Refused when `via` does not answer the
 * caller's awaited request (the refusal names only the caller's own turn
 * and the public phase).
 */
export function forfeit(
  state: GameState,
  c: Extract<Command, { type: "forfeit" }>,
): Decision {
  const refused = checkActor(state, c.player_id, true);
  if (refused !== null) return refused;
  const pending = pendingOf(state, c.player_id);
  const via = pending && REQUEST_RULES[pending.request].via;
  if (pending === undefined || via !== c.via) {
    const yours = pending === undefined
      ? "nothing is awaited from you"
      : `the game awaits your ${pending.request}, answered with game.${via}`;
    return refuse(
      "PRECONDITION_FAILED",
      `nothing to give up on with game.${c.via}: ${yours}; ${phaseText(state)}`,
    );
  }
  const records = recordsOf(c);
  if (!records.ok) return records.refused;
  const d = draft(state, c.at);
  emit(d, {
    ...defaultAction(state, pending, c.failed),
    ...records.fields,
  } as EventBody);
  advance(d);
  return accept(d);
}

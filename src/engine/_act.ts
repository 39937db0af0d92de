/**
 * `act`: the powers of the night and the hunter's shot.
 * @module
 */
import type { GameAction, Role } from "../contract/mod.ts";
import { accept, draft, emit, refuse } from "./_emit.ts";
import { isWolf, pendingOf, seatOf, waitingText, winnerOf } from "./_query.ts";
import { advance, endGame } from "./_steps.ts";
import { checkActor, checkTarget } from "./_checks.ts";
import type { Command, Decision, GameState } from "./types.ts";

type ActCommand = Extract<Command, { type: "act" }>;
type Kind = GameAction["kind"];

/** Which role holds each power, and what the game asks for it. */
const POWERS: Record<Kind, { role: Role; request: string; verb: string }> = {
  wolf_kill: { role: "werewolf", request: "wolf_kill", verb: "devour" },
  seer_inspect: { role: "seer", request: "seer_inspect", verb: "inspect" },
  guard_protect: { role: "guard", request: "guard_protect", verb: "protect" },
  witch_save: { role: "witch", request: "witch", verb: "save" },
  witch_poison: { role: "witch", request: "witch", verb: "poison" },
  witch_pass: { role: "witch", request: "witch", verb: "pass" },
  hunter_shoot: { role: "hunter", request: "hunter_shoot", verb: "shoot" },
};

/** `act`: checks the actor, the power, the turn and the target, then acts. */
export function act(state: GameState, c: ActCommand): Decision {
  const refused = checkActor(state, c.player_id, true);
  if (refused !== null) return refused;
  const { kind, target } = c.action;
  const power = POWERS[kind];
  if (power === undefined) {
    return refuse(
      "BAD_REQUEST",
      `unknown action "${kind}": use one of ${Object.keys(POWERS).join(", ")}`,
    );
  }
  const seat = seatOf(state, c.player_id)!;
  if (seat.role !== power.role) {
    return refuse(
      "FORBIDDEN",
      `${seat.id} is not the ${power.role}: only the ${power.role} may ${kind}`,
    );
  }
  const pending = pendingOf(state, seat.id);
  if (pending?.request !== power.request) {
    if (!seat.alive) {
      return refuse(
        "FORBIDDEN",
        `${seat.id} is dead: the dead neither speak, vote nor act`,
      );
    }
    return refuse(
      "PRECONDITION_FAILED",
      `not your turn to ${kind}: ${waitingText(state)}`,
    );
  }
  const d = draft(state, c.at);
  const record = (to: string | null) =>
    emit(d, {
      type: "player_action",
      player_id: seat.id,
      action: kind,
      target: to,
      timed_out: false,
    });
  if (kind === "witch_pass") {
    record(null);
    advance(d);
    return accept(d);
  }
  if (kind === "witch_save") {
    const { victim } = state.night;
    if (!state.potions.heal) {
      return refuse(
        "BAD_REQUEST",
        `the healing potion is already used: ${
          state.potions.poison ? "witch_poison or " : ""
        }witch_pass`,
      );
    }
    if (target !== undefined && target !== victim) {
      return refuse(
        "BAD_REQUEST",
        `${target} is not the werewolves' victim: witch_save can only save ${victim}`,
      );
    }
    record(victim);
    advance(d);
    return accept(d);
  }
  if (kind === "witch_poison" && !state.potions.poison) {
    return refuse(
      "BAD_REQUEST",
      `the poison is already used: ${
        state.potions.heal && !state.night.saved ? "witch_save or " : ""
      }witch_pass`,
    );
  }
  const options = kind === "witch_poison"
    ? { ...pending, options: pending.options.filter((id) => id !== seat.id) }
    : pending;
  const bad = checkTarget(state, options, target, power.verb);
  if (bad !== null) return bad;
  const chosen = target!;
  record(chosen);
  if (kind === "seer_inspect") {
    emit(d, {
      type: "seer_result",
      seer_id: seat.id,
      target: chosen,
      is_werewolf: isWolf(state, chosen),
    });
  }
  if (kind === "hunter_shoot") {
    emit(d, {
      type: "player_died",
      player_id: chosen,
      cause: "hunter",
      role: seatOf(state, chosen)?.role ?? "villager",
    });
    const winner = winnerOf(d.state);
    if (winner !== null) {
      endGame(d, winner);
      return accept(d);
    }
  }
  advance(d);
  return accept(d);
}

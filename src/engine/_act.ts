/**
 * `act`: the powers of the night and the hunter's shot.
 * @module
 */
import type { GameAction, GamePhase, Role } from "../contract/mod.ts";
import { accept, draft, emit, refuse } from "./_emit.ts";
import { isWolf, pendingOf, phaseText, seatOf, winnerOf } from "./_query.ts";
import { advance, endGame } from "./_steps.ts";
import { checkActor, checkTarget } from "./_checks.ts";
import { recordsOf } from "./_records.ts";
import { REQUEST_RULES } from "./requests.ts";
import type { Command, Decision, GameState } from "./types.ts";

type ActCommand = Extract<Command, { type: "act" }>;
type Kind = GameAction["kind"];

/**
 * A power: who holds it and when (the request it answers is in
 * `REQUEST_RULES`).
 */
interface Power {
  role: Role;
  verb: string;
  /** The phase it is used in. */
  phase: GamePhase;
  /** When it is used, told to its holder out of turn. */
  when: string;
}

const WITCH_WHEN =
  "the witch acts in the witch phase, once the werewolves have chosen";
/** Which role holds each power, and when it is used. */
const POWERS: Record<Kind, Power> = {
  wolf_kill: {
    role: "werewolf",
    verb: "devour",
    phase: "night",
    when: "the werewolves choose their victim at night, once each",
  },
  seer_inspect: {
    role: "seer",
    verb: "inspect",
    phase: "night",
    when: "the seer inspects one player each night",
  },
  guard_protect: {
    role: "guard",
    verb: "protect",
    phase: "night",
    when: "the guard protects one player each night",
  },
  witch_save: {
    role: "witch",
    verb: "save",
    phase: "witch",
    when: WITCH_WHEN,
  },
  witch_poison: {
    role: "witch",
    verb: "poison",
    phase: "witch",
    when: WITCH_WHEN,
  },
  witch_pass: {
    role: "witch",
    verb: "pass",
    phase: "witch",
    when: WITCH_WHEN,
  },
  hunter_shoot: {
    role: "hunter",
    verb: "shoot",
    phase: "hunter",
    when: "the hunter shoots once, as he dies",
  },
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
  if (
    pending === undefined ||
    !REQUEST_RULES[pending.request].kinds.includes(kind)
  ) {
    if (!seat.alive) {
      return refuse(
        "FORBIDDEN",
        `${seat.id} is dead: the dead neither speak, vote nor act`,
      );
    }
    // only the caller's own turn and the public phase: never whom else the
    // game waits for, which would name the holders of the night's powers
    const now = state.phase === power.phase
      ? `you have already acted in this ${state.phase} phase`
      : phaseText(state);
    return refuse(
      "PRECONDITION_FAILED",
      `not your turn to ${kind}: ${now}; ${power.when}`,
    );
  }
  const records = recordsOf(c);
  if (!records.ok) return records.refused;
  const d = draft(state, c.at);
  const record = (to: string | null) =>
    emit(d, {
      type: "player_action",
      player_id: seat.id,
      action: kind,
      target: to,
      timed_out: false,
      ...records.fields,
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

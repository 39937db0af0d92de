/**
 * Read-only questions about a game state, shared by the engine's modules.
 * @module
 */
import type { PlayerId, Role } from "../contract/mod.ts";
import type { GameState, PendingAction, Seat, Winner } from "./types.ts";

/** The seat of `id`, or undefined. */
export function seatOf(state: GameState, id: PlayerId): Seat | undefined {
  return state.players.find((seat) => seat.id === id);
}

/** The living seats, in seat order. */
export function living(state: GameState): Seat[] {
  return state.players.filter((seat) => seat.alive);
}

/** The ids of the living seats, in seat order. */
export function livingIds(state: GameState): PlayerId[] {
  return living(state).map((seat) => seat.id);
}

/** The living seat holding `role` (the first one), or undefined. */
export function livingWith(state: GameState, role: Role): Seat | undefined {
  return state.players.find((seat) => seat.alive && seat.role === role);
}

/** Whether `id` is a werewolf. */
export function isWolf(state: GameState, id: PlayerId): boolean {
  return seatOf(state, id)?.role === "werewolf";
}

/** What the game waits for from `id`, or undefined. */
export function pendingOf(
  state: GameState,
  id: PlayerId,
): PendingAction | undefined {
  return state.pending.find((pending) => pending.player_id === id);
}

/** `p1, p2, p5`, or `nobody`. */
export function listOf(ids: readonly string[]): string {
  return ids.length === 0 ? "nobody" : ids.join(", ");
}

/** The winner if the game is decided now, or null. */
export function winnerOf(state: GameState): Winner | null {
  const alive = living(state);
  const wolves = alive.filter((seat) => seat.role === "werewolf").length;
  if (wolves === 0) return "village";
  if (wolves >= alive.length - wolves) return "werewolves";
  return null;
}

/** Whether the witch still has something to do tonight. */
export function witchCanAct(state: GameState): boolean {
  const canHeal = state.potions.heal && state.night.victim !== null &&
    !state.night.saved;
  return canHeal || state.potions.poison;
}

/**
 * Where the game stands, for a refusal: the phase only, which everyone sees.
 * A refusal never says whom else the game waits for, nor for what: that
 * would tell every seat who holds the powers of the night.
 */
export function phaseText(state: GameState): string {
  return `this is the ${state.phase} phase`;
}

/**
 * The night's rules that draw on the seeded RNG, applied by `evolve` so that
 * a replay draws exactly as the live game did.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import { rngPick } from "./_rng.ts";
import type { GameState, NightState } from "./types.ts";

/** A night where nothing happened yet. */
export function freshNight(): NightState {
  return {
    choices: {},
    victim: null,
    protected: null,
    saved: false,
    poisoned: null,
  };
}

/**
 * Resolves the werewolves' victim: the plurality of their choices; a tie is
 * broken by the seeded RNG among the tied (seat order); with no choice at
 * all, a seeded random living non-werewolf.
 */
export function resolveVictim(state: GameState): GameState {
  const tally = new Map<PlayerId, number>();
  for (const target of Object.values(state.night.choices)) {
    tally.set(target, (tally.get(target) ?? 0) + 1);
  }
  const top = Math.max(0, ...tally.values());
  let candidates = state.players
    .filter((seat) => seat.alive && top > 0 && tally.get(seat.id) === top)
    .map((seat) => seat.id);
  if (candidates.length === 0) {
    candidates = state.players
      .filter((seat) => seat.alive && seat.role !== "werewolf")
      .map((seat) => seat.id);
  }
  if (candidates.length === 0) return state;
  if (candidates.length === 1) {
    return { ...state, night: { ...state.night, victim: candidates[0]! } };
  }
  const [victim, rng] = rngPick(state.rng, candidates);
  return { ...state, rng, night: { ...state.night, victim } };
}

/** Who dies at dawn, in seat order, and why. */
export function dawnDeaths(
  state: GameState,
): { player_id: PlayerId; cause: "werewolves" | "poison" }[] {
  const { victim, protected: guarded, saved, poisoned } = state.night;
  const deaths = new Map<PlayerId, "werewolves" | "poison">();
  if (victim !== null && victim !== guarded && !saved) {
    deaths.set(victim, "werewolves");
  }
  if (poisoned !== null && !deaths.has(poisoned)) {
    deaths.set(poisoned, "poison");
  }
  return state.players
    .filter((seat) => seat.alive && deaths.has(seat.id))
    .map((seat) => ({ player_id: seat.id, cause: deaths.get(seat.id)! }));
}

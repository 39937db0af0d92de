/**
 * How `evolve` folds `game_started` (the deal) and `phase_update` (what each
 * phase sets up, and the night's resolution as it closes).
 * @module
 */
import type { GameEventOf } from "../contract/mod.ts";
import { freshNight, resolveVictim } from "./_night_rules.ts";
import { beginTalk } from "./_talk_rules.ts";
import { rngShuffle } from "./_rng.ts";
import { roleList } from "./roles.ts";
import { seatNumber } from "./_seats.ts";
import type { GameState } from "./types.ts";

/**
 * Deals the roles: the creator's deal (seat n gets `deal[n - 1]`, the RNG
 * untouched), or the seeded RNG's shuffle in seat order.
 */
export function deal(
  state: GameState,
  event: GameEventOf<"game_started">,
): GameState {
  const [roles, rng] = state.deal === undefined
    ? rngShuffle(state.rng, roleList(event.roles))
    : [
      state.players.map((seat) => state.deal?.[seatNumber(seat.id) - 1]),
      state.rng,
    ];
  const wolves = state.players
    .filter((_, i) => roles[i] === "werewolf")
    .map((seat) => seat.id);
  return {
    ...state,
    rng,
    roles: { ...event.roles },
    players: state.players.map((seat, i) => {
      const role = roles[i] ?? "villager";
      const teammates = role === "werewolf"
        ? wolves.filter((id) => id !== seat.id)
        : [];
      return { ...seat, role, teammates };
    }),
  };
}

/** A new phase: clears what was awaited and sets up the phase. */
export function enterPhase(
  state: GameState,
  event: GameEventOf<"phase_update">,
): GameState {
  let next: GameState = {
    ...state,
    phase: event.new_phase,
    day: event.day,
    pending: [],
  };
  if (event.old_phase === "night") next = resolveVictim(next);
  switch (event.new_phase) {
    case "night":
      return {
        ...next,
        lastProtected: next.night.protected,
        night: freshNight(),
        votes: {},
      };
    case "discussion":
      return beginTalk(next);
    case "vote":
      return { ...next, votes: {} };
    case "hunter":
      return {
        ...next,
        hunterReturn: event.old_phase === "vote" ? "night" : "day",
      };
    default:
      return next;
  }
}

/**
 * Which seat a `join` takes: the one asked for (1 to the game's players,
 * refused with CONFLICT when taken, naming the free ones), or the lowest
 * free seat; and the agent label it carries. Seats are public, so the
 * sentences may name them.
 * @module
 */
import { AGENT_LABEL, type PlayerId } from "../contract/mod.ts";
import type { Command, GameState, Violation } from "./types.ts";

/** The seat number of a player id (`p3` → 3). */
export function seatNumber(id: PlayerId): number {
  return Number(id.slice(1));
}

/** The free seat numbers of `state`, lowest first. */
function freeSeats(state: GameState): number[] {
  const taken = new Set(state.players.map((seat) => seatNumber(seat.id)));
  return Array.from({ length: state.settings.players }, (_, i) => i + 1)
    .filter((seat) => !taken.has(seat));
}

/** The player id `c` joins as, or why it may not. */
export function seatFor(
  state: GameState,
  c: Extract<Command, { type: "join" }>,
): PlayerId | Violation {
  const free = freeSeats(state);
  const { players } = state.settings;
  if (c.agent !== undefined && !AGENT_LABEL.test(c.agent)) {
    return {
      code: "BAD_REQUEST",
      message:
        "an agent label is 1 to 64 letters, digits or . _ : @ + / -, starting with a letter or digit",
    };
  }
  if (c.seat === undefined) return `p${free[0]}`;
  if (!Number.isInteger(c.seat) || c.seat < 1 || c.seat > players) {
    return {
      code: "BAD_REQUEST",
      message: `seat must be a whole number from 1 to ${players}`,
    };
  }
  if (!free.includes(c.seat)) {
    return {
      code: "CONFLICT",
      message: `seat ${c.seat} is taken: the free seats are ${free.join(", ")}`,
    };
  }
  return `p${c.seat}`;
}

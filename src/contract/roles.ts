/**
 * The default role table (see `src/engine/roles.ts` for it as a table): the
 * counts a game of `players` seats plays without explicit `roles`. Here so
 * that the engine and clients (a tournament's schedule) read one table.
 * @module
 */
import type { Role, RoleCounts } from "./game.ts";

/** The roles with a power, each at most once in a game. */
export const POWER_ROLES: readonly Role[] = [
  "seer",
  "witch",
  "hunter",
  "guard",
];

/** Werewolves and powers by player count; villagers fill the rest. */
const TABLE: Record<number, [wolves: number, powers: readonly Role[]]> = {
  5: [1, ["seer", "witch"]],
  6: [2, ["seer", "witch"]],
  7: [2, ["seer", "witch", "hunter"]],
  8: [2, ["seer", "witch", "hunter"]],
  9: [2, POWER_ROLES],
};

/**
 * The default role counts for `players` seats (5 to 18, the contract's
 * `PLAYERS`; the caller checks the range): 10–11 play 3 werewolves, 12–14
 * four, 15–18 five, with every power from 9 seats.
 */
export function defaultRoleCounts(players: number): RoleCounts {
  const [wolves, powers] = TABLE[players] ??
    [players >= 15 ? 5 : players >= 12 ? 4 : 3, POWER_ROLES];
  const counts: RoleCounts = { werewolf: wolves };
  for (const role of powers) counts[role] = 1;
  counts.villager = players - wolves - powers.length;
  return counts;
}

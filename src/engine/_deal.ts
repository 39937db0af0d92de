/**
 * The creator's explicit deal (`create`'s `deal`): the role of each seat,
 * checked against the game's role counts.
 * @module
 */
import { type Role, type RoleCounts, ROLES } from "../contract/mod.ts";
import { countOf, defaultRoles } from "./roles.ts";

/** The role counts of a deal (only the roles it holds). */
export function countsOfDeal(deal: readonly Role[]): RoleCounts {
  const counts: RoleCounts = {};
  for (const role of deal) counts[role] = (counts[role] ?? 0) + 1;
  return counts;
}

/** The counts as a sentence: `2 werewolf, 1 seer, 3 villager`. */
function spelled(roles: RoleCounts): string {
  return ROLES.filter((role) => countOf(roles, role) > 0)
    .map((role) => `${countOf(roles, role)} ${role}`).join(", ");
}

/**
 * Why `deal` does not fit a game of `players` seats with `roles` (the
 * explicit counts, already valid, or the default table when absent), or
 * null when it fits: one role per seat, holding exactly those counts.
 */
export function dealRefusal(
  players: number,
  roles: RoleCounts | undefined,
  deal: readonly Role[],
): string | null {
  const expected = roles ?? defaultRoles(players);
  if (!Array.isArray(deal) || deal.length !== players) {
    return `the deal gives ${
      Array.isArray(deal) ? deal.length : 0
    } roles for ${players} seats: give one role per seat, seat 1 first`;
  }
  const unknown = deal.find((role) => !ROLES.includes(role));
  if (unknown !== undefined) {
    return `the deal holds an unknown role ${
      JSON.stringify(unknown)
    }: the roles are ${ROLES.join(", ")}`;
  }
  const given = countsOfDeal(deal);
  if (ROLES.some((role) => countOf(given, role) !== countOf(expected, role))) {
    return `the deal holds ${spelled(given)} but the game's roles are ${
      spelled(expected)
    }: a deal must hold exactly the role counts${
      roles === undefined ? ` (the default table for ${players} players)` : ""
    }`;
  }
  return null;
}

/**
 * The role table. Default roles by number of players:
 *
 * | Players | Werewolves | Seer | Witch | Hunter | Guard | Villagers |
 * | ------- | ---------- | ---- | ----- | ------ | ----- | --------- |
 * | 5       | 1          | 1    | 1     | 0      | 0     | 2         |
 * | 6       | 2          | 1    | 1     | 0      | 0     | 2         |
 * | 7       | 2          | 1    | 1     | 1      | 0     | 2         |
 * | 8       | 2          | 1    | 1     | 1      | 0     | 3         |
 * | 9       | 2          | 1    | 1     | 1      | 1     | 3         |
 * | 10–11   | 3          | 1    | 1     | 1      | 1     | 3–4       |
 * | 12–14   | 4          | 1    | 1     | 1      | 1     | 4–6       |
 * | 15–18   | 5          | 1    | 1     | 1      | 1     | 6–9       |
 *
 * Explicit counts are valid when they add up to the number of players, there
 * is at least one werewolf, the werewolves are fewer than the others, and
 * each power role (seer, witch, hunter, guard) appears at most once.
 * @module
 */
import {
  defaultRoleCounts,
  PLAYERS,
  POWER_ROLES,
  type Role,
  type RoleCounts,
  ROLES,
} from "../contract/mod.ts";
import type { Violation } from "./types.ts";

/** The fewest players a game may have (the contract's `PLAYERS.min`). */
export const MIN_PLAYERS: number = PLAYERS.min;
/** The most players a game may have (the contract's `PLAYERS.max`). */
export const MAX_PLAYERS: number = PLAYERS.max;
export { POWER_ROLES };

/**
 * What each role is called, in English and French, singular and plural
 * (plain words, any case): a player name carrying one is refused, since it
 * would claim a role in every message.
 */
export const ROLE_WORDS: Readonly<Record<Role, readonly string[]>> = {
  werewolf: [
    "werewolf",
    "werewolves",
    "wolf",
    "wolves",
    "loup-garou",
    "loups-garous",
    "loup",
  ],
  villager: ["villager", "villageois", "villageoise"],
  seer: ["seer", "voyante", "voyant"],
  witch: ["witch", "sorcière", "sorcier"],
  hunter: ["hunter", "chasseur", "chasseuse"],
  guard: ["guard", "bodyguard", "salvateur", "salvatrice", "garde"],
};

/**
 * The default role counts for 5 to 18 players (see the table in this
 * module's documentation; the contract's `defaultRoleCounts`, so that
 * clients read the same table); throws a RangeError outside 5–18.
 */
export function defaultRoles(players: number): RoleCounts {
  if (
    !Number.isInteger(players) || players < MIN_PLAYERS || players > MAX_PLAYERS
  ) {
    throw new RangeError(
      `players must be ${MIN_PLAYERS} to ${MAX_PLAYERS}, got ${players}`,
    );
  }
  return defaultRoleCounts(players);
}

/** How many of `role` the counts hold (absent = 0). */
export function countOf(roles: RoleCounts, role: Role): number {
  return roles[role] ?? 0;
}

/** Every role of the counts, once per player, in the order of `ROLES`. */
export function roleList(roles: RoleCounts): Role[] {
  return ROLES.flatMap((role) => Array<Role>(countOf(roles, role)).fill(role));
}

/** The sum of the counts. */
export function totalOf(roles: RoleCounts): number {
  return ROLES.reduce((sum, role) => sum + countOf(roles, role), 0);
}

/**
 * Checks explicit role counts for `players` players: a BAD_REQUEST violation
 * saying what is wrong and what is allowed, or null when they are valid.
 */
export function validateRoles(
  players: number,
  roles: RoleCounts,
): Violation | null {
  const bad = (message: string): Violation => ({
    code: "BAD_REQUEST",
    message,
  });
  if (
    !Number.isInteger(players) || players < MIN_PLAYERS || players > MAX_PLAYERS
  ) {
    return bad(
      `a game has ${MIN_PLAYERS} to ${MAX_PLAYERS} players, not ${players}`,
    );
  }
  for (const role of ROLES) {
    const count = countOf(roles, role);
    if (!Number.isInteger(count) || count < 0) {
      return bad(
        `the ${role} count must be a whole number from 0, not ${count}`,
      );
    }
    if (POWER_ROLES.includes(role) && count > 1) {
      return bad(`there can be at most one ${role}, not ${count}: use 0 or 1`);
    }
  }
  const total = totalOf(roles);
  if (total !== players) {
    return bad(
      `the role counts add up to ${total} but the game has ${players} players: they must add up to ${players}`,
    );
  }
  const wolves = countOf(roles, "werewolf");
  if (wolves < 1) return bad("a game needs at least one werewolf");
  const most = Math.floor((players - 1) / 2);
  if (wolves > most) {
    return bad(
      `${wolves} werewolves for ${
        players - wolves
      } others: werewolves must be fewer than the others, so at most ${most} for ${players} players`,
    );
  }
  return null;
}

/**
 * The tournament tests' common setup: a config of the house bot against
 * the random one (mirror schedule, 6 players), its spec, playing one slot
 * with those bots, and a server's limits that let a test's many sockets in.
 * @module
 */
import assert from "node:assert/strict";
import type { TournamentCreateInput } from "../src/mod.ts";
import {
  parseConfig,
  scheduleOf,
  type TournamentConfig,
  tournamentSpec,
} from "../tournament/mod.ts";
import { playSeats } from "../tournament/_play_game.ts";

/** The house bot and the random one, as a config's `agents`. */
export const HOUSE_AND_RANDOM = [
  { name: "house", kind: "bot", strategy: "house" },
  { name: "random", kind: "bot", strategy: "random" },
] as const;

/** Server options for an admin `adminToken` and no per-address limits. */
export function openLimits(adminToken: string): {
  adminToken: string;
  wsMaxConnectionsPerIp: number;
  maxConnectionsPerIp: number;
  rateLimitPerSecond: number;
} {
  return {
    adminToken,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  };
}

/** The house-against-random config with `fields` over 2 mirrored games of 6. */
export function houseRandomConfig(
  fields: Record<string, unknown> = {},
): TournamentConfig {
  const parsed = parseConfig({
    agents: HOUSE_AND_RANDOM,
    games: 2,
    players: 6,
    seed: 1,
    schedule: "mirror",
    ...fields,
  });
  assert.ok(parsed.ok);
  return parsed.config;
}

/** The spec of {@linkcode houseRandomConfig}(`fields`), under `key` if given. */
export async function houseRandomSpec(
  fields: Record<string, unknown>,
  key?: string,
): Promise<TournamentCreateInput> {
  const made = await tournamentSpec(houseRandomConfig(fields));
  return key === undefined ? made : { ...made, key };
}

/**
 * Plays game `gameId`, slot `index` of `spec`, to its end with the house
 * and random bots through `url`; the refusals they met, by agent.
 */
export function playSlotGame(
  url: string,
  slot: { spec: TournamentCreateInput; index: number; gameId: string },
): Promise<Record<string, number>> {
  return playSeats(
    { url, config: houseRandomConfig(), models: new Map() },
    scheduleOf(slot.spec)[slot.index]!,
    slot.gameId,
  );
}

/**
 * Shared setup for the `tournament.*` API tests: the admin token and limits, a
 * house-random spec, the error code of a failed call, and a slot played to its
 * end.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { TournamentCreateInput } from "../src/mod.ts";
import { houseRandomSpec, openLimits, playSlotGame } from "./_house_random.ts";
import { type TestClient } from "./_helpers.ts";

/** The admin token of these tests' servers. */
export const ADMIN = "tournament-api-admin";
/** Server limits open enough for a tournament run by `ADMIN`. */
export const LIMITS = openLimits(ADMIN);

/** A house-random tournament of `games` games (seed 77). */
export function spec(games = 4): Promise<TournamentCreateInput> {
  return houseRandomSpec({
    name: "api",
    games,
    actionTimeoutMs: 5000,
    seed: 77,
  });
}

/** The error code of a call that must fail. */
export async function codeOf(
  call: Promise<unknown>,
): Promise<string | undefined> {
  const error = await call.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof TRPCClientError, String(error));
  return error.data?.code;
}

/** Plays slot `index`'s game to its end with the schedule's bots. */
export async function playSlot(
  admin: TestClient,
  url: string,
  input: { tournamentId: string; index: number; spec: TournamentCreateInput },
) {
  const started = await admin.trpc.tournament.startGame.mutate(input);
  const refusals = await playSlotGame(url, {
    spec: input.spec,
    index: input.index,
    gameId: started.gameId,
  });
  return { started, refusals };
}

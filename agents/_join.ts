/**
 * The agent's `lobby.join`, idempotent: sent with a random `actionId`
 * and sent again with the same one while the socket is down or the game's
 * owner changed (`TIMEOUT`), so a join whose answer was lost answers the
 * same seat and token instead of taking a second seat.
 * @module
 */
import { type TRPCClient, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../src/mod.ts";

/** How many times a join is sent at most (about 30 s: a server restart). */
const JOIN_ATTEMPTS = 40;

/** What `lobby.join` takes, but the `actionId`. */
export interface JoinInput {
  gameId: string;
  name: string;
  seat?: number | undefined;
  agent?: string | undefined;
}

/**
 * Takes a seat with `input` (see the module's doc); rejects with the
 * server's refusal (any code but TIMEOUT) or after
 * {@linkcode JOIN_ATTEMPTS} sends.
 */
export async function joinOnce(
  trpc: TRPCClient<AppRouter>,
  input: JoinInput,
): Promise<{ playerId: string; seatToken: string }> {
  const actionId = crypto.randomUUID();
  for (let attempt = 1;; attempt++) {
    try {
      return await trpc.lobby.join.mutate({
        gameId: input.gameId,
        name: input.name,
        ...(input.seat === undefined ? {} : { seat: input.seat }),
        ...(input.agent === undefined ? {} : { agent: input.agent }),
        actionId,
      });
    } catch (error) {
      const code = error instanceof TRPCClientError
        ? error.data?.code as string | undefined
        : undefined;
      const retry = code === undefined || code === "TIMEOUT";
      if (!retry || attempt >= JOIN_ATTEMPTS) throw error;
      const wait = Math.min(100 * 1.5 ** attempt, 1000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

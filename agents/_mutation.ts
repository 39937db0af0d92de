/**
 * The one place that turns a move into a mutation.
 *
 * WIRING POINT for issue 13's server part: once the contract's `game.say`,
 * `game.vote` and `game.act` take `reasoning`, `usage` and `failed`, add
 * `...extras(answer)` to the three inputs below (and, for a declared failure,
 * send `{ failed }` instead of the default move). Until then the answer's
 * reasoning, usage and failure stay in the agent (`TurnRecord`).
 * @module
 */
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "../src/mod.ts";
import type { Answer, Move } from "./moves.ts";

/** Sends `move` for `gameId` with the idempotency key `actionId`. */
export function sendMove(
  trpc: TRPCClient<AppRouter>,
  move: Move,
  options: { gameId: string; actionId: string; answer: Answer },
): Promise<unknown> {
  const { gameId, actionId } = options;
  switch (move.kind) {
    case "say":
      return trpc.game.say.mutate({ gameId, text: move.text, actionId });
    case "vote":
      return trpc.game.vote.mutate({ gameId, target: move.target, actionId });
    case "act":
      return trpc.game.act.mutate({ gameId, action: move.action, actionId });
  }
}

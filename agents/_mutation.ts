/**
 * The one place that turns a move into a mutation: the move with the
 * answer's private `reasoning` and `usage` (on the turn's first move only,
 * so a turn's usage counts once), or, for an answer the agent gave up on,
 * the declared `failed` reason instead of a move, after which the server
 * applies the documented default and records its cause.
 * @module
 */
import type { TRPCClient } from "@trpc/client";
import {
  type AppRouter,
  REASONING_MAX_CHARS,
  type Request,
} from "../src/mod.ts";
import type { Answer, Failure, Move } from "./moves.ts";

/** Control and invisible characters the speech rule refuses (newline kept). */
const UNSAYABLE = /[^\P{Cc}\n]|\p{Cf}/gu;

/**
 * The answer's reasoning as the server takes it: refused characters become
 * spaces and it is cut to {@linkcode REASONING_MAX_CHARS}; blank: none.
 */
export function reasoningOf(answer: Answer): string | undefined {
  const text = answer.reasoning?.replace(UNSAYABLE, " ").trim();
  return text ? text.slice(0, REASONING_MAX_CHARS) : undefined;
}

/** What goes beside the turn's first move: reasoning and usage, when known. */
function extras(
  answer: Answer,
): { reasoning?: string; usage?: NonNullable<Answer["usage"]> } {
  const reasoning = reasoningOf(answer);
  const usage = answer.usage === undefined ? undefined : {
    ...answer.usage,
    promptTokens: Math.round(answer.usage.promptTokens),
    completionTokens: Math.round(answer.usage.completionTokens),
    latencyMs: Math.round(answer.usage.latencyMs),
  };
  return {
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(usage === undefined ? {} : { usage }),
  };
}

/**
 * Sends `move` for `gameId` with the idempotency key `actionId`; the first
 * move of a turn (`first`) carries the answer's reasoning and usage.
 */
export function sendMove(
  trpc: TRPCClient<AppRouter>,
  move: Move,
  options: { gameId: string; actionId: string; answer: Answer; first: boolean },
): Promise<unknown> {
  const { gameId, actionId } = options;
  const more = options.first ? extras(options.answer) : {};
  switch (move.kind) {
    case "say":
      return trpc.game.say.mutate({
        gameId,
        text: move.text,
        actionId,
        ...more,
      });
    case "vote":
      return trpc.game.vote.mutate({
        gameId,
        target: move.target,
        actionId,
        ...more,
      });
    case "act":
      return trpc.game.act.mutate({
        gameId,
        action: move.action,
        actionId,
        ...more,
      });
    case "bid":
      return trpc.game.bid.mutate({
        gameId,
        amount: move.amount,
        actionId,
        ...more,
      });
  }
}

/**
 * Declares `failed` for the turn's `request` through the procedure that
 * answers it (`say` for speech, `vote` for the vote, `bid` for a bid, `act`
 * for powers): the
 * server applies that request's default at once and records the cause.
 */
export function sendFailure(
  trpc: TRPCClient<AppRouter>,
  request: Request,
  options: {
    gameId: string;
    actionId: string;
    answer: Answer;
    failed: Failure;
  },
): Promise<unknown> {
  const { gameId, actionId, failed } = options;
  const input = { gameId, actionId, failed, ...extras(options.answer) };
  if (request === "speak") return trpc.game.say.mutate(input);
  if (request === "vote") return trpc.game.vote.mutate(input);
  if (request === "bid") return trpc.game.bid.mutate(input);
  return trpc.game.act.mutate(input);
}

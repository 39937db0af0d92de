/**
 * What an agent sends on its turn: moves, and the answer a strategy gives
 * (moves plus private reasoning, model usage and a declared failure).
 * @module
 */
import type { GameAction, GameEventOf, PlayerId, Request } from "../src/mod.ts";

/** A `your_turn` event. */
export type Turn = GameEventOf<"your_turn">;

/** One mutation of a turn: `game.say`, `game.vote`, `game.act` or `game.bid`. */
export type Move =
  | { kind: "say"; text: string }
  | { kind: "vote"; target: PlayerId | null }
  | { kind: "act"; action: GameAction }
  | { kind: "bid"; amount: number };

/** What a model call cost; `latencyMs` is measured by the agent. */
export interface Usage {
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd?: number;
}

/** Why an agent fell back to a default: the issue's `failed` reasons. */
export type Failure = "model_error" | "invalid_output";

/**
 * A strategy's answer to one turn: the moves in order (a witch may save or
 * poison, then pass), and what the server stores beside them: `reasoning`
 * and `usage` (on the first move), or `failed`, sent instead of the moves
 * (see `_mutation.ts`).
 */
export interface Answer {
  moves: Move[];
  reasoning?: string;
  usage?: Usage;
  /**
   * Set when the strategy gave up: the agent declares it instead of sending
   * `moves` (the default it would send), and the server applies the default.
   */
  failed?: Failure;
}

/**
 * A strategy's fallback moves for a turn it could not answer: speak → pass
 * (""), vote → abstain, bid → the lowest amount (0), witch → `witch_pass`, a power → the `pick`ed allowed
 * target (the caller passes a seeded choice; none allowed: no move). The
 * agent loop does not send them for an answer marked `failed`: it declares
 * the failure and the server applies its own default; they are what a
 * strategy that wants to play on anyway returns without `failed`.
 */
export function defaultMoves(
  turn: Pick<Turn, "request" | "options" | "amounts">,
  pick: (options: readonly PlayerId[]) => PlayerId | undefined,
): Move[] {
  const request: Request = turn.request;
  switch (request) {
    case "speak":
      return [{ kind: "say", text: "" }];
    case "vote":
      return [{ kind: "vote", target: null }];
    case "witch":
      return [{ kind: "act", action: { kind: "witch_pass" } }];
    case "bid":
      return [{ kind: "bid", amount: turn.amounts?.[0] ?? 0 }];
    default: {
      const target = pick(turn.options);
      return target === undefined
        ? []
        : [{ kind: "act", action: { kind: request, target } }];
    }
  }
}

/** A short line for logs: `vote p3`, `say "…"`, `wolf_kill p2`. */
export function describeMove(move: Move): string {
  if (move.kind === "say") return `say ${JSON.stringify(move.text)}`;
  if (move.kind === "vote") return `vote ${move.target ?? "abstain"}`;
  if (move.kind === "bid") return `bid ${move.amount}`;
  return `${move.action.kind}${
    move.action.target ? ` ${move.action.target}` : ""
  }`;
}

/**
 * What an agent sends on its turn: moves, and the answer a strategy gives
 * (moves plus private reasoning, model usage and a declared failure).
 * @module
 */
import type { GameAction, GameEventOf, PlayerId, Request } from "../src/mod.ts";

/** A `your_turn` event. */
export type Turn = GameEventOf<"your_turn">;

/** One mutation of a turn: `game.say`, `game.vote` or `game.act`. */
export type Move =
  | { kind: "say"; text: string }
  | { kind: "vote"; target: PlayerId | null }
  | { kind: "act"; action: GameAction };

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
 * poison, then pass), and what the server will store beside them once its
 * contract takes `reasoning`, `usage` and `failed` (see `mutationInput`).
 */
export interface Answer {
  moves: Move[];
  reasoning?: string;
  usage?: Usage;
  /** Set when `moves` are the agent's default, not the strategy's choice. */
  failed?: Failure;
}

/**
 * The moves an agent sends itself when its strategy failed, so that the game
 * never waits for a deadline: speak → pass (""), vote → abstain, witch →
 * `witch_pass`. The werewolves', seer's, guard's and hunter's requests have no
 * "nothing" move in the contract, so the default is the `pick`ed allowed
 * target (the caller passes a seeded choice); none allowed: no move.
 */
export function defaultMoves(
  turn: Pick<Turn, "request" | "options">,
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
  return `${move.action.kind}${
    move.action.target ? ` ${move.action.target}` : ""
  }`;
}

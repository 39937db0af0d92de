/**
 * The inputs of the moves (`game.say`, `vote`, `act`, `bid`) and the
 * `forfeit` command of a move sent with `failed` instead.
 * @module
 */
import { z } from "zod";
import {
  ActionIdSchema,
  FailureSchema,
  GameIdSchema,
  RecordFieldsSchema,
} from "../contract/mod.ts";
import type { Move, Records, Via } from "../game/mod.ts";

/** The input every `game.*` procedure takes. */
export const gameInput = z.object({ gameId: GameIdSchema });

/**
 * A move's input: the game, the idempotency key, the optional records
 * (`reasoning`, `usage`) and either the move's own fields or `failed`.
 */
export function moveInput<M extends z.ZodRawShape>(move: M, name: string) {
  return gameInput.extend({
    ...move,
    failed: FailureSchema.optional(),
    ...RecordFieldsSchema.shape,
    actionId: ActionIdSchema.optional(),
  }).refine(
    (input) => {
      const fields = input as Record<string, unknown>;
      return (fields["failed"] === undefined) !== (fields[name] === undefined);
    },
    {
      message:
        `send either ${name} (your move) or failed ("model_error" or "invalid_output": the default applies at once), not both and not neither`,
      path: [name],
    },
  );
}

/** What every move's input holds besides the move's own field. */
export interface MoveInput {
  gameId: string;
  actionId?: string | undefined;
  failed?: z.infer<typeof FailureSchema> | undefined;
  reasoning?: string | undefined;
  usage?: Records["usage"] | undefined;
}

/** The records of an input, without absent keys. */
function recordsIn(input: MoveInput): Records {
  return {
    ...(input.reasoning === undefined ? {} : { reasoning: input.reasoning }),
    ...(input.usage === undefined ? {} : { usage: input.usage }),
  };
}

/**
 * The room's move for an input: `move` with the input's records, or, with
 * no move (the input sent `failed`), the `forfeit` through `via`.
 */
export function moveOf(
  input: MoveInput,
  opts: { via: Via; move: Move | undefined },
): Move {
  if (opts.move === undefined) {
    return {
      type: "forfeit",
      via: opts.via,
      // the input's refinement guarantees failed here
      failed: input.failed ?? "invalid_output",
      ...recordsIn(input),
    };
  }
  return { ...opts.move, ...recordsIn(input) };
}

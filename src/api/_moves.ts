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
import type { Command, Records, Via } from "../engine/mod.ts";

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

/** The records of an input, without absent keys. */
export function recordsIn(
  input: { reasoning?: string | undefined; usage?: Records["usage"] },
): Records {
  return {
    ...(input.reasoning === undefined ? {} : { reasoning: input.reasoning }),
    ...(input.usage === undefined ? {} : { usage: input.usage }),
  };
}

/** The `forfeit` command of a move sent with `failed` instead. */
export function forfeit(
  via: Via,
  input: Parameters<typeof recordsIn>[0] & {
    failed?: z.infer<typeof FailureSchema> | undefined;
  },
  who: { player_id: string; at: number },
): Command {
  return {
    type: "forfeit",
    ...who,
    via,
    // the input's refinement guarantees failed here
    failed: input.failed ?? "invalid_output",
    ...recordsIn(input),
  };
}

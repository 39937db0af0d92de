/**
 * The events of the discussion's turn policies beyond speech itself: a
 * round's announced order, the bids revealed once a turn is decided, and a
 * speech held until the round's reveal.
 * @module
 */
import { z } from "zod";
import { PlayerIdSchema } from "./game.ts";
import { eventBase } from "./_event_base.ts";
import { DefaultRecordSchema, eventRecordFields } from "./records.ts";

/**
 * A round begins (random_order and parallel): who speaks, in order. Under
 * random_order the order was drawn from the game's seeded RNG; under
 * parallel it is the seat order in which the round's speeches are
 * revealed. Public.
 */
export const SpeakingOrderSchema = z.object({
  type: z.literal("speaking_order"),
  ...eventBase,
  day: z.number().int(),
  /** The round of the day, from 1. */
  round: z.number().int().positive(),
  order: z.array(PlayerIdSchema),
});

/** How a bidding turn was given: the one highest bid, a name, or the RNG. */
export const TieBreakSchema = z.enum(["highest", "named", "random"]);

/**
 * A bidding turn is decided: every bid (a missing one counted as its
 * default), and who speaks. `speaker` and `tie_break` are null when every
 * bid was 0: the talk is over. Public; until it, a bid is seen only by its
 * author (and the god view).
 */
export const BidsRevealedSchema = z.object({
  type: z.literal("bids_revealed"),
  ...eventBase,
  day: z.number().int(),
  /** The speaking turn of the day this decides, from 1. */
  turn: z.number().int().positive(),
  /** Every bid, by bidder in seat order. */
  bids: z.record(z.string(), z.number().int()),
  speaker: PlayerIdSchema.nullable(),
  tie_break: TieBreakSchema.nullable(),
});

/**
 * A parallel round's speech, held until the round is revealed (the author
 * and the god view only); `message_text` "" is a pass. The reveal makes it
 * a public `agent_message` (or a `pass`) in seat order.
 */
export const SpeechHeldSchema = z.object({
  type: z.literal("speech_held"),
  ...eventBase,
  player_id: PlayerIdSchema,
  day: z.number().int(),
  round: z.number().int().positive(),
  message_text: z.string(),
  /** Lines removed by the speech rule, as on `agent_message`. */
  redacted_lines: z.number().int().positive().optional(),
  /** Present when the pass is the server's default (and why). */
  default: DefaultRecordSchema.optional(),
  ...eventRecordFields,
});

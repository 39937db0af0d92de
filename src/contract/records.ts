/**
 * What an agent may attach to its move: its private reasoning, what the
 * move cost (`usage`), or, instead of a move, the failure that made it
 * give up (`failed`), after which the server applies the default.
 * @module
 */
import { z } from "zod";

/**
 * The longest `reasoning` in characters (UTF-16 code units): the bound of
 * the `reasoning` field of `game.say`, `game.vote` and `game.act`.
 */
export const REASONING_MAX_CHARS = 8_000;

/** The longest model name in a `usage` record. */
export const USAGE_MODEL_MAX_CHARS = 128;

/** The most tokens one side (prompt or completion) of one action may count. */
export const USAGE_TOKENS_LIMIT = 10_000_000;

/** The longest latency one action may report: one hour, in milliseconds. */
export const USAGE_LATENCY_LIMIT_MS = 3_600_000;

/** The highest cost one action may report, in US dollars. */
export const USAGE_COST_LIMIT_USD = 1_000;

/** What one action cost the agent: its model, tokens, time and money. */
export const UsageSchema = z.object({
  /** The model that chose the move, as the agent names it. */
  model: z.string().min(1).max(USAGE_MODEL_MAX_CHARS),
  /** Tokens sent to the model for this action (all its calls). */
  promptTokens: z.number().int().min(0).max(USAGE_TOKENS_LIMIT),
  /** Tokens the model answered for this action (all its calls). */
  completionTokens: z.number().int().min(0).max(USAGE_TOKENS_LIMIT),
  /** Wall time spent on the model for this action, milliseconds. */
  latencyMs: z.number().int().min(0).max(USAGE_LATENCY_LIMIT_MS),
  /** What it cost, US dollars, when the agent knows. */
  costUsd: z.number().finite().min(0).max(USAGE_COST_LIMIT_USD).optional(),
});

/** What one action cost. */
export type Usage = z.infer<typeof UsageSchema>;

/** The failures an agent may declare instead of a move. */
export const FAILURES = ["model_error", "invalid_output"] as const;

/** One of {@linkcode FAILURES}. */
export const FailureSchema = z.enum(FAILURES);

/** A declared failure. */
export type Failure = z.infer<typeof FailureSchema>;

/**
 * Why the server applied a default: the deadline passed, or the agent
 * declared one of {@linkcode FAILURES}.
 */
export const DEFAULT_CAUSES = ["deadline", ...FAILURES] as const;

/** The record of a default on the event of the defaulted action. */
export const DefaultRecordSchema = z.object({
  cause: z.enum(DEFAULT_CAUSES),
});

/** The fields `game.say`, `game.vote` and `game.act` take beside the move. */
export const RecordFieldsSchema = z.object({
  /** Private until `game_over` (author and god view only); cleaned like speech. */
  reasoning: z.string().max(REASONING_MAX_CHARS).optional(),
  usage: UsageSchema.optional(),
});

/** The record fields of an action's event (`agent_message`, `player_action`). */
export const eventRecordFields = {
  /** The author's reasoning: the author and the god view only, until the end. */
  reasoning: z.string().optional(),
  /** What the action cost: the author and the god view only, until the end. */
  usage: UsageSchema.optional(),
};

/** Per-player totals of `usage`, as the transcript gives them. */
export const UsageTotalsSchema = z.object({
  /** Actions that carried a `usage` record. */
  actions: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  latencyMs: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  /** The models named, in order of first use. */
  models: z.array(z.string()),
});

/** One player's usage totals. */
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

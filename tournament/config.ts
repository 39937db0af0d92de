/**
 * The tournament config (`deno task tournament --config FILE`): its zod
 * schema, the same as JSON Schema for editors
 * ({@linkcode configJsonSchema}), and {@linkcode parseConfig}, which lists
 * every wrong field at once (see `config_errors.ts`). Settings a game takes
 * reuse the contract's schemas, so the config allows exactly what
 * `lobby.createGame` allows.
 * @module
 */
import { z } from "zod";
import {
  CreateGameInputSchema,
  DEFAULT_CAUSES,
  RoleCountsSchema,
  SCHEDULE_KINDS,
  TurnPolicySchema,
  USAGE_MODEL_MAX_CHARS,
  VotePolicySchema,
} from "../src/mod.ts";
import { OUTPUT_MODES } from "../agents/mod.ts";
import { crossFieldIssues } from "./_config_rules.ts";

export { TurnPolicySchema, VotePolicySchema };

/** The scripted strategies a `bot` agent may play. */
export const BOT_STRATEGIES = ["house", "random"] as const;

export { SCHEDULE_KINDS };

/** An agent's name: the label of its seats in the log and the results. */
export const AgentNameSchema = z.string().regex(
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
  "an agent name is 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit",
);

/** One agent: a language model behind an OpenAI-compatible API, or a bot. */
export const AgentConfigSchema = z.object({
  name: AgentNameSchema,
  kind: z.enum(["llm", "bot"]),
  /** The model's name as its server knows it (llm only, required). */
  model: z.string().min(1).max(USAGE_MODEL_MAX_CHARS).optional(),
  /** The model server's API URL (llm only; default `OPENAI_BASE_URL`). */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The variable holding the API key (llm only; default `OPENAI_API_KEY`). */
  apiKeyEnv: z.string().regex(
    /^[A-Z_][A-Z0-9_]*$/,
    "an environment variable's name is upper-case letters, digits and '_'",
  ).optional(),
  /** How the model answers (llm only; default `json_schema`). */
  outputMode: z.enum(OUTPUT_MODES).optional(),
  /** 0 to 2 (llm only; default: the model server's). */
  temperature: z.number().min(0).max(2).optional(),
  /** The bot's strategy (bot only, required). */
  strategy: z.enum(BOT_STRATEGIES).optional(),
  /** The most games at once that seat this agent (default: no limit). */
  maxConcurrent: z.number().int().min(1).max(1000).optional(),
}).strict();

/** An agent of the config. */
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/** How many games run at once. */
export const ConcurrencySchema = z.object({
  /** Games in flight at once (default 1). */
  games: z.number().int().min(1).max(1000).optional(),
  /** Games in flight at once that seat an agent of one `model` (default: no limit). */
  perModel: z.number().int().min(1).max(1000).optional(),
}).strict();

/** The tournament config, as `deno task tournament --config FILE` reads it. */
export const TournamentConfigSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  agents: z.array(AgentConfigSchema).min(1).max(64),
  /** How many games (mirror: an even number, each seating twice). */
  games: z.number().int().min(1).max(100_000),
  players: CreateGameInputSchema.shape.players,
  /** The role counts of every game (default: the server's for `players`). */
  roles: RoleCountsSchema.strict().optional(),
  turnPolicy: TurnPolicySchema.optional(),
  votePolicy: VotePolicySchema.optional(),
  actionTimeoutMs: CreateGameInputSchema.shape.actionTimeoutMs,
  /** The tournament's seed: the schedule, every game's seed, the bootstrap. */
  seed: CreateGameInputSchema.shape.seed.unwrap(),
  schedule: z.enum(SCHEDULE_KINDS),
  /** Whether an agent also plays against itself (rotation only; default false). */
  selfPlay: z.boolean().optional(),
  concurrency: ConcurrencySchema.optional(),
  /** The default causes that void a game (default `DEFAULT_VOID_CAUSES`). */
  voidCauses: z.array(z.enum(DEFAULT_CAUSES)).optional(),
}).strict().superRefine((config, ctx) => {
  for (const issue of crossFieldIssues(config)) {
    ctx.addIssue({ code: "custom", ...issue });
  }
}, { when: () => true });

/** A valid tournament config. */
export type TournamentConfig = z.infer<typeof TournamentConfigSchema>;

/**
 * The config's JSON Schema (draft 2020-12, the input side) for editors: the
 * shapes and ranges of every field; the rules across fields (unique names,
 * role counts adding up, mirror's even count) are checked by
 * {@linkcode parseConfig} only.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TournamentConfigSchema, { io: "input" }) as Record<
    string,
    unknown
  >;
}

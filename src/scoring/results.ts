/**
 * The schema of `results.json`: everything the scoring produces, per agent
 * and per game. Each metric's exact definition is in the README's
 * "Tournaments" section; the names here are the ones it uses. A rate whose
 * count is 0 is `null` (never 0), so "no data" is not "always wrong".
 * @module
 */
import { z } from "zod";
import {
  DEFAULT_CAUSES,
  PlayerIdSchema,
  RoleSchema,
  WinnerSchema,
} from "../contract/mod.ts";

/**
 * The default causes that void a game (see the README's "Tournaments"):
 * `model_error`, the model server that did not answer, is not the agent's
 * own move; `invalid_output` and `deadline` are.
 */
export const DEFAULT_VOID_CAUSES: readonly (typeof DEFAULT_CAUSES)[number][] = [
  "model_error",
];

/** The roles whose survival is reported. */
export const KEY_ROLES = ["seer", "witch", "guard", "hunter"] as const;

const count = z.number().int().nonnegative();
const ratio = z.number().nullable();

/** Games, wins and the win rate with its 95% Wilson interval. */
export const WinStatSchema = z.object({
  games: count,
  wins: count,
  rate: ratio,
  low: ratio,
  high: ratio,
});

/** One win-rate count. */
export type WinStat = z.infer<typeof WinStatSchema>;

/** An OpenSkill rating; `low`–`high` is the bootstrap 95% interval of `mu`. */
export const SkillSchema = z.object({
  mu: z.number(),
  sigma: z.number(),
  /** `mu - 3 sigma`, OpenSkill's conservative estimate. */
  ordinal: z.number(),
  low: z.number(),
  high: z.number(),
});

/** An Elo rating; `low`–`high` is its bootstrap 95% interval. */
export const EloSchema = z.object({
  rating: z.number(),
  low: z.number(),
  high: z.number(),
});

const bySide = <T extends z.ZodType>(item: T) => z.record(WinnerSchema, item);
const byCause = z.record(z.enum(DEFAULT_CAUSES), count);

/** How an agent played, over its rated games. */
export const PlaySchema = z.object({
  votes: z.object({ cast: count, onWerewolves: count, accuracy: ratio }),
  seer: z.object({
    inspections: count,
    werewolvesFound: count,
    accuracy: ratio,
  }),
  keyRoles: z.record(
    z.enum(KEY_ROLES),
    z.object({ games: count, survived: count, rate: ratio }),
  ),
  saves: z.object({ witch: count, guard: count }),
  daysToWin: z.object({ wins: count, mean: ratio }),
  speech: z.object({
    games: count,
    messages: count,
    chars: count,
    messagesPerGame: ratio,
    charsPerGame: ratio,
  }),
});

/** An agent's health, over every game it sat in (voided ones included). */
export const AgentHealthSchema = z.object({
  games: count,
  actions: count,
  refusals: count,
  refusalsPerGame: ratio,
  defaults: byCause,
  latencyMs: z.object({ samples: count, p50: ratio, p99: ratio }),
  tokens: z.object({
    prompt: count,
    completion: count,
    promptPerGame: ratio,
    completionPerGame: ratio,
  }),
  cost: z.object({ usd: z.number(), samples: count, usdPerGame: ratio }),
});

/** Everything about one agent. */
export const AgentResultSchema = z.object({
  agent: z.string(),
  record: z.object({
    overall: WinStatSchema,
    bySide: bySide(WinStatSchema),
    byRole: z.record(RoleSchema, WinStatSchema),
  }),
  openskill: z.object({
    overall: SkillSchema,
    werewolves: SkillSchema,
    village: SkillSchema,
  }),
  elo: bySide(EloSchema),
  play: PlaySchema,
  health: AgentHealthSchema,
  /** Win counts per side over self-play games (not rated). */
  selfPlay: z.object({ games: count, bySide: bySide(WinStatSchema) }),
});

/** One agent's results. */
export type AgentResult = z.infer<typeof AgentResultSchema>;

/** One seat of one game, as `games.csv` has it. */
export const SeatResultSchema = z.object({
  player_id: PlayerIdSchema,
  agent: z.string(),
  role: RoleSchema,
  side: WinnerSchema,
  won: z.boolean(),
  alive: z.boolean(),
  votes: count,
  votesOnWerewolves: count,
  messages: count,
  chars: count,
  defaults: byCause,
  promptTokens: count,
  completionTokens: count,
  costUsd: z.number(),
});

/** One game: its outcome and whether it counts. */
export const GameResultSchema = z.object({
  id: z.string(),
  seed: z.number().int().nullable(),
  winner: WinnerSchema,
  /** The day the game ended on (night 1 and day 1 are day 1). */
  days: count,
  /** A default with one of the void causes happened: not counted. */
  voided: z.boolean(),
  /** One agent held seats on both sides: reported apart, not rated. */
  selfPlay: z.boolean(),
  seats: z.array(SeatResultSchema),
});

/** One game's results. */
export type GameResult = z.infer<typeof GameResultSchema>;

/**
 * The ratings after one rated game: every agent's overall OpenSkill μ once
 * that game (and those before it, in order) was rated.
 */
export const RatingStepSchema = z.object({
  gameId: z.string(),
  mu: z.record(z.string(), z.number()),
});

/** One step of the rating history. */
export type RatingStep = z.infer<typeof RatingStepSchema>;

/** `results.json`. */
export const ResultsSchema = z.object({
  version: z.literal(1),
  voidCauses: z.array(z.enum(DEFAULT_CAUSES)),
  /**
   * The bootstrap's resamples and seed; the server's `tournament.results`
   * gives the seed (the tournament's, which also gives the schedule) as
   * null to anyone but the admin and the god view until every game ended.
   */
  bootstrap: z.object({ resamples: count, seed: count.nullable() }),
  /** Elo's step and start (OpenSkill: the `openskill` package's defaults). */
  elo: z.object({ k: z.number(), initial: z.number() }),
  counts: z.object({
    games: count,
    rated: count,
    selfPlay: count,
    voided: count,
  }),
  /** The voided games' ids, in order. */
  voided: z.array(z.string()),
  /**
   * The server's tournaments only: the counted games that replay an
   * earlier game of their slot that did not end (same seed and deal).
   */
  replayed: z.array(z.string()).optional(),
  /** Ranked by OpenSkill `mu` (overall), highest first; ties by name. */
  agents: z.array(AgentResultSchema),
  /**
   * One step per rated game, in rating order: each agent's overall μ after
   * it (the last step's are the agents' `openskill.overall.mu`).
   */
  ratingHistory: z.array(RatingStepSchema),
  games: z.array(GameResultSchema),
});

/** The results of a tournament. */
export type Results = z.infer<typeof ResultsSchema>;

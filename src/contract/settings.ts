/**
 * How a game's talk and vote run: the policies, their limits (each range
 * and default defined once, read by the zod inputs, the engine's checks,
 * the rules text and the README), and the announced rules.
 * @module
 */
import { z } from "zod";
import {
  GameIdSchema,
  PlayerIdSchema,
  RoleCountsSchema,
  RoleSchema,
  SAY_CHARS_LIMIT,
} from "./game.ts";
import { LocaleSchema } from "./locale.ts";

/**
 * Who speaks when in the discussion: `round_robin` (seat order, the first
 * speaker moving one seat a day), `random_order` (each round an order drawn
 * from the game's seeded RNG), `bidding` (before each turn the players bid
 * for the floor), `parallel` (each round everyone writes at once; the
 * speeches are revealed together in seat order).
 */
export const TURN_POLICIES = [
  "round_robin",
  "random_order",
  "bidding",
  "parallel",
] as const;

/** One of {@linkcode TURN_POLICIES}. */
export const TurnPolicySchema = z.enum(TURN_POLICIES);

/** A turn policy. */
export type TurnPolicy = z.infer<typeof TurnPolicySchema>;

/**
 * How the day's vote is seen: `sequential` (each vote public as it is
 * cast) or `simultaneous` (held until the vote closes, then revealed
 * together in `vote_result.votes`).
 */
export const VOTE_POLICIES = ["sequential", "simultaneous"] as const;

/** One of {@linkcode VOTE_POLICIES}. */
export const VotePolicySchema = z.enum(VOTE_POLICIES);

/** A vote policy. */
export type VotePolicy = z.infer<typeof VotePolicySchema>;

/** A whole-number setting's range and, when it has one, its default. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** `players`: the seats of a game (the engine's MIN_PLAYERS and MAX_PLAYERS). */
export const PLAYERS: Range = Object.freeze({ min: 5, max: 18 });

/**
 * An explicit deal: the role of each seat, seat 1 first (`players` long).
 * Its counts must be the game's role counts (`roles`, or the default table
 * for `players`); the engine checks it. Secret like the seed: only the god
 * view sees it before the game ends.
 */
export const DealSchema = z.array(RoleSchema).min(PLAYERS.min).max(PLAYERS.max);

/** The typed form of {@linkcode DealSchema}. */
export type Deal = z.infer<typeof DealSchema>;

/**
 * `actionTimeoutMs`: how long each awaited action may take, in ms; the
 * contract's schemas and the engine's check both read it.
 */
export const ACTION_TIMEOUT_MS: Range = Object.freeze({
  min: 20,
  max: 600_000,
});

/** `discussionRounds`: speaking rounds per day (0: straight to the vote). */
export const DISCUSSION_ROUNDS = Object.freeze({ min: 0, max: 5, default: 2 });

/**
 * `maxTurns` (bidding only): speaking turns per day (0: straight to the
 * vote); the default is the number of players.
 */
export const MAX_TURNS: Range = Object.freeze({ min: 0, max: 100 });

/**
 * `talkCapPerDay`: the most speeches one player may make in a day (a pass
 * does not count); absent or null: no cap.
 */
export const TALK_CAP: Range = Object.freeze({ min: 1, max: 100 });

/**
 * The highest bid: a bid is a whole number from 0 (listen) to `BID_MAX`
 * (4: "I was addressed directly").
 */
export const BID_MAX = 4;

/** The bid a player who does not answer makes. */
export const BID_DEFAULT = 0;

/** Every allowed bid, lowest first: what a `bid` request's `amounts` lists. */
export const BID_AMOUNTS: readonly number[] = Object.freeze(
  Array.from({ length: BID_MAX + 1 }, (_, amount) => amount),
);

/** The settings of every policy, with their defaults (the zod inputs). */
export const policyInputFields = {
  /** Who speaks when; default `round_robin`. */
  turnPolicy: TurnPolicySchema.optional(),
  /** How votes are seen; default `sequential`. */
  votePolicy: VotePolicySchema.optional(),
  /**
   * Speaking rounds per day (round_robin, random_order, parallel); default
   * {@linkcode DISCUSSION_ROUNDS}`.default`. Refused under bidding.
   */
  discussionRounds: z.number().int().min(DISCUSSION_ROUNDS.min)
    .max(DISCUSSION_ROUNDS.max).optional(),
  /** Speaking turns per day, bidding only; default: the number of players. */
  maxTurns: z.number().int().min(MAX_TURNS.min).max(MAX_TURNS.max)
    .optional(),
  /** Speeches per player per day; null or absent: no cap. */
  talkCapPerDay: z.number().int().min(TALK_CAP.min).max(TALK_CAP.max)
    .nullable().optional(),
};

/** What happens when an awaited action never comes, as the rules say it. */
export const RuleDefaultsSchema = z.object({
  /** A speaking turn passes. */
  speak: z.literal("pass"),
  /** A vote abstains. */
  vote: z.literal("abstain"),
  /** A bid is {@linkcode BID_DEFAULT}. */
  bid: z.literal(BID_DEFAULT),
  /** A power is not used (the witch passes, the hunter does not shoot). */
  power: z.literal("none"),
  /** If no werewolf chose, the victim is a seeded random non-werewolf. */
  werewolves: z.literal("random_victim"),
});

/**
 * The rules a game announces in `game_created`, from its settings: what
 * the engine enforces, no more and no less.
 */
export const RulesSchema = z.object({
  players: z.number().int(),
  /** The roles: explicit, or the default table for `players`. */
  roles: RoleCountsSchema,
  /** Whether `roles` is the default table (then one for the seats taken if the game starts early). */
  defaultRoles: z.boolean(),
  turnPolicy: TurnPolicySchema,
  votePolicy: VotePolicySchema,
  /** Speaking rounds per day; null under bidding. */
  discussionRounds: z.number().int().nullable(),
  /** Speaking turns per day under bidding; else null. */
  maxTurns: z.number().int().nullable(),
  /** The allowed bids under bidding; else null. */
  bidAmounts: z.array(z.number().int()).nullable(),
  /** Speeches per player per day, or null for no cap. */
  talkCapPerDay: z.number().int().nullable(),
  /** How long each awaited action may take, ms. */
  actionTimeoutMs: z.number().int(),
  /** The longest message, in characters. */
  maxSayChars: z.number().int(),
  defaults: RuleDefaultsSchema,
});

/** The typed form of {@linkcode RulesSchema}. */
export type Rules = z.infer<typeof RulesSchema>;

/**
 * `houseBots: "fill"`: the server's house bots take every seat still empty
 * when an admin calls `game.start`.
 */
export const HOUSE_BOTS_FILL = "fill";

/**
 * `houseBots`: how many seats the server's house bots take as the game is
 * created (0 to the game's `players`), or {@linkcode HOUSE_BOTS_FILL}.
 */
export const HouseBotsSchema = z.union([
  z.number().int().min(0).max(18),
  z.literal(HOUSE_BOTS_FILL),
]);

/** The typed form of {@linkcode HouseBotsSchema}. */
export type HouseBots = z.infer<typeof HouseBotsSchema>;

/**
 * About how long a house bot thinks before each move, in ms (each think is
 * drawn from 0.5× to 1.5× of it).
 */
export const HOUSE_BOT_THINK_MS = Object.freeze({
  min: 0,
  max: 10_000,
  default: 1200,
});

/** The settings of a game, as `lobby.createGame` takes them. */
export const CreateGameInputSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  players: z.number().int().min(PLAYERS.min).max(PLAYERS.max),
  roles: RoleCountsSchema.optional(),
  deal: DealSchema.optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  actionTimeoutMs: z.number().int().min(ACTION_TIMEOUT_MS.min).max(
    ACTION_TIMEOUT_MS.max,
  ).optional(),
  ...policyInputFields,
  autoStart: z.boolean().optional(),
  /** The game's language; default `DEFAULT_LOCALE` (en). */
  locale: LocaleSchema.optional(),
  /** The longest `say` in characters; default: the server's `SAY_MAX_CHARS`. */
  maxSayChars: z.number().int().min(1).max(SAY_CHARS_LIMIT).optional(),
  /**
   * Seats for the server's house bots: a count taken at once (at most
   * `players`; the game then starts when the other seats fill), or
   * `"fill"`: every seat still empty when an admin calls `game.start`.
   */
  houseBots: HouseBotsSchema.optional(),
  /** About how long each house bot thinks before it acts, in ms. */
  houseBotThinkMs: z.number().int().min(HOUSE_BOT_THINK_MS.min)
    .max(HOUSE_BOT_THINK_MS.max).optional(),
});

/** The input of `lobby.createGame`. */
export type CreateGameInput = z.infer<typeof CreateGameInputSchema>;

/**
 * What `lobby.createGame` answers: the game, and the seats the house bots
 * took (empty without `houseBots`, or with `"fill"` until `game.start`).
 */
export const CreateGameResultSchema = z.object({
  gameId: GameIdSchema,
  houseBots: z.array(PlayerIdSchema),
});

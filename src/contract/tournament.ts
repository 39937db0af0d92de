/**
 * Tournaments on the server (`tournament.*`): what the runner registers
 * (its schedule and the settings of every game, under a key so that the
 * same command resumes), the state of each scheduled game, and the
 * progress events. The server creates each game from the schedule and
 * keeps which game counts for each slot; the scoring is `src/scoring/`.
 * @module
 */
import { z } from "zod";
import { AgentLabelSchema, GameIdSchema } from "./game.ts";
import { DEFAULT_CAUSES } from "./records.ts";
import { CreateGameInputSchema } from "./settings.ts";

/** The most games one tournament schedules. */
export const TOURNAMENT_GAMES_MAX = 100_000;

/** A tournament's id: `t-` and 12 of a-z, 0-9. */
export const TournamentIdSchema = z.string().regex(
  /^t-[a-z0-9]{12}$/,
  "a tournament id is t- then 12 of a-z, 0-9",
);

/** The settings every game of the tournament is created with. */
export const TournamentSettingsSchema = CreateGameInputSchema.pick({
  players: true,
  roles: true,
  actionTimeoutMs: true,
  turnPolicy: true,
  votePolicy: true,
});

/** The schedules (see `src/scoring/schedule.ts` for what each balances). */
export const SCHEDULE_KINDS = ["rotation", "mirror"] as const;

/**
 * What the schedule is built from (`buildSchedule` of `src/scoring/`, on
 * the server and in the runner alike): its kind, games, seed, self-play.
 */
export const ScheduleSpecSchema = z.object({
  kind: z.enum(SCHEDULE_KINDS),
  games: z.number().int().min(1).max(TOURNAMENT_GAMES_MAX),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  selfPlay: z.boolean().optional(),
});

/**
 * `tournament.create`: idempotent by `key` (the runner's: a hash of its
 * config), so that rerunning the same command finds its tournament.
 */
export const TournamentCreateInputSchema = z.object({
  key: z.string().min(1).max(128),
  name: z.string().min(1).max(64),
  /** The agents' labels, in the config's order (the schedule's input). */
  agents: z.array(AgentLabelSchema).min(1).max(64),
  settings: TournamentSettingsSchema.extend({
    /** Explicit: the schedule deals these counts to the seats. */
    roles: TournamentSettingsSchema.shape.roles.unwrap(),
  }),
  schedule: ScheduleSpecSchema,
  /** The default causes that void a game. */
  voidCauses: z.array(z.enum(DEFAULT_CAUSES)),
  /** The bootstrap's seed (the config's). */
  bootstrapSeed: z.number().int().min(0).max(2 ** 32 - 1),
});

/** The input of `tournament.create`. */
export type TournamentCreateInput = z.infer<typeof TournamentCreateInputSchema>;

/** Where a scheduled game stands. */
export const SLOT_STATUSES = ["pending", "playing", "ended"] as const;

/**
 * One scheduled game on the server: the game that counts for it (the last
 * created, null before one), how many games were created for it (more than
 * one: the earlier did not end and this one replays it with the same seed
 * and deal) and the refusals the runner counted in it, per agent.
 */
export const TournamentSlotSchema = z.object({
  index: z.number().int().min(0),
  status: z.enum(SLOT_STATUSES),
  gameId: GameIdSchema.nullable(),
  attempts: z.number().int().min(0),
  /** Whether the counted game replays an earlier one that did not end. */
  replayed: z.boolean(),
  refusals: z.record(z.string(), z.number().int().min(0)),
});

/** A scheduled game's state. */
export type TournamentSlot = z.infer<typeof TournamentSlotSchema>;

/** `tournament.list`'s rows, and the head of `tournament.get`. */
export const TournamentRowSchema = z.object({
  tournamentId: TournamentIdSchema,
  key: z.string(),
  name: z.string(),
  /** When it was created (epoch ms, the server's clock). */
  createdAt: z.number().int(),
  /** Games scheduled, and ended. */
  total: z.number().int(),
  done: z.number().int(),
});

/** A tournament's row. */
export type TournamentRow = z.infer<typeof TournamentRowSchema>;

/** `tournament.get`: the row, what was registered, and every slot. */
export const TournamentViewSchema = TournamentRowSchema.extend({
  agents: z.array(z.string()),
  settings: TournamentSettingsSchema,
  /**
   * The schedule's options; its `seed` (which gives every game's seed and
   * deal) only for the admin and the god view until every game has ended.
   */
  schedule: ScheduleSpecSchema.extend({
    seed: ScheduleSpecSchema.shape.seed.optional(),
  }),
  voidCauses: z.array(z.enum(DEFAULT_CAUSES)),
  /** The bootstrap's seed: hidden like the schedule's until the end. */
  bootstrapSeed: z.number().int().optional(),
  games: z.array(TournamentSlotSchema),
});

/** A tournament as `tournament.get` gives it. */
export type TournamentView = z.infer<typeof TournamentViewSchema>;

/** What `tournament.create` answers: the tournament and whether it is new. */
export const TournamentCreateResultSchema = z.object({
  created: z.boolean(),
  tournament: TournamentViewSchema,
});

/** `tournament.get`, `tournament.results`: which tournament. */
export const TournamentInputSchema = z.object({
  tournamentId: TournamentIdSchema,
});

/** `tournament.startGame`: which scheduled game to create (or find ended). */
export const TournamentGameInputSchema = TournamentInputSchema.extend({
  index: z.number().int().min(0).max(TOURNAMENT_GAMES_MAX - 1),
});

/** What `tournament.startGame` answers: the game to play (or already ended). */
export const TournamentStartResultSchema = z.object({
  gameId: GameIdSchema,
  /** 1 for the first game of the slot; more: a replay. */
  attempt: z.number().int().min(1),
  /** True when the slot's game had already ended (nothing to play). */
  ended: z.boolean(),
});

/** `tournament.finishGame`: the slot's game ended; the refusals the runner met. */
export const TournamentFinishInputSchema = TournamentGameInputSchema.extend({
  gameId: GameIdSchema,
  refusals: z.record(AgentLabelSchema, z.number().int().min(0)).optional(),
});

/**
 * One progress event of `tournament.progress`, numbered 1, 2, 3… per
 * tournament (the tracked id; resume with `lastEventId`).
 */
export const TournamentEventSchema = z.object({
  seq: z.number().int().min(1),
  /** Epoch ms, the server's clock. */
  at: z.number().int(),
  type: z.enum(["game_started", "game_ended"]),
  index: z.number().int().min(0),
  gameId: GameIdSchema,
  attempt: z.number().int().min(1),
  /** Games ended after this event, and scheduled. */
  done: z.number().int(),
  total: z.number().int(),
});

/** A progress event. */
export type TournamentEvent = z.infer<typeof TournamentEventSchema>;

/** `tournament.progress`'s input. */
export const TournamentProgressInputSchema = TournamentInputSchema.extend({
  lastEventId: z.string().max(16).nullish(),
});

import { z } from "zod";
import { ClientIdSchema, ClientTypeSchema } from "./client.ts";
import { GameIdSchema, PlayerIdSchema } from "./game.ts";
import { LocaleSchema } from "./locale.ts";
import {
  ACTION_TIMEOUT_MS,
  HOUSE_BOT_THINK_MS,
  PLAYERS,
  policyInputFields,
} from "./settings.ts";

/**
 * `lobby.createDemoGame`: a game whose every seat the server fills with its
 * own scripted bots (no sockets), so a newcomer sees a game at once.
 */
export const CreateDemoGameInputSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  /** How many players (all bots). Default 8. */
  players: z.number().int().min(PLAYERS.min).max(PLAYERS.max).optional(),
  /** About how long each bot thinks before it acts, in ms. Default 1200. */
  thinkMs: z.number().int().min(HOUSE_BOT_THINK_MS.min)
    .max(HOUSE_BOT_THINK_MS.max).optional(),
  /** Each awaited action's deadline. Default: the server's (30 s). */
  actionTimeoutMs: z.number().int().min(ACTION_TIMEOUT_MS.min).max(
    ACTION_TIMEOUT_MS.max,
  ).optional(),
  /** Speaking rounds per day (not under bidding). Default 1. */
  discussionRounds: policyInputFields.discussionRounds,
  /** Who speaks when; default `round_robin`. */
  turnPolicy: policyInputFields.turnPolicy,
  /** How votes are seen; default `sequential`. */
  votePolicy: policyInputFields.votePolicy,
  /** The game's language (`en` or `fr`); default `en`. */
  locale: LocaleSchema.optional(),
  /** Seeds the roles and the bots' choices. Default: random. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
});

/** The input of `lobby.createDemoGame`. */
export type CreateDemoGameInput = z.infer<typeof CreateDemoGameInputSchema>;

/** What `lobby.createDemoGame` answers: the game and the bots' seats. */
export const CreateDemoGameResultSchema = z.object({
  gameId: GameIdSchema,
  players: z.array(PlayerIdSchema),
});

/** `system.whoami`: who the server takes the caller for, and what it may do. */
export const WhoAmISchema = z.object({
  /** The hub client id (null over plain HTTP without one). */
  clientId: ClientIdSchema.nullable(),
  clientType: ClientTypeSchema,
  /** `ADMIN_TOKEN` is unset: anyone may create and start games. */
  devMode: z.boolean(),
  /** May create and start games (the admin token, or development mode). */
  admin: z.boolean(),
  /**
   * Sees every game whole: roles, the werewolves' channel, night actions
   * (the admin or spectator token; in development mode, a ui or observer
   * client that asked with `connectionParams.view = "god"`, as the page does).
   */
  godView: z.boolean(),
});

/** The typed form of {@linkcode WhoAmISchema}. */
export type WhoAmI = z.infer<typeof WhoAmISchema>;

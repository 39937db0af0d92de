import { z } from "zod";
import { GameIdSchema } from "./game.ts";
import { GameStatusSchema, GameSummarySchema } from "./game_view.ts";

/** How many rows `lobby.listGames` gives: by default, and at most. */
export const LIST_GAMES_LIMIT = Object.freeze({ default: 500, max: 5000 });

/**
 * `lobby.listGames` rows: a game's summary and its times (epoch ms, the
 * server's clock).
 */
export const GameRowSchema = GameSummarySchema.extend({
  /** When the game was created. */
  createdAt: z.number().int(),
  /** When the game ended (its `game_over`), or null while it is not over. */
  endedAt: z.number().int().nullable(),
});

/** The typed form of {@linkcode GameRowSchema}. */
export type GameRow = z.infer<typeof GameRowSchema>;

/**
 * `lobby.listGames`' input. The rows are the newest `limit` games of
 * `status` after skipping the `offset` newest, oldest first: page through
 * with `offset` = 0, `limit`, 2 × `limit`… (a page shorter than `limit` is
 * the last; games created meanwhile shift the pages by as many).
 */
export const ListGamesInputSchema = z.object({
  /** Only games of this status. */
  status: GameStatusSchema.optional(),
  /** At most this many rows (default 500, at most 5000). */
  limit: z.number().int().min(1).max(LIST_GAMES_LIMIT.max).optional(),
  /** How many of the newest matching games to skip first. Default 0. */
  offset: z.number().int().min(0).max(2 ** 31 - 1).optional(),
}).optional();

/** The input of `lobby.listGames`. */
export type ListGamesInput = z.infer<typeof ListGamesInputSchema>;

/** `lobby.deleteGame`: which ended game to remove for good. */
export const DeleteGameInputSchema = z.object({ gameId: GameIdSchema });

/** What `lobby.deleteGame` answers: the game removed. */
export const DeleteGameResultSchema = z.object({ deleted: GameIdSchema });

import { z } from "zod";
import {
  GameIdSchema,
  GamePhaseSchema,
  PlayerIdSchema,
  RequestSchema,
  RoleSchema,
  WinnerSchema,
} from "./game.ts";

/** A game's status in the lobby. */
export const GameStatusSchema = z.enum(["waiting", "running", "ended"]);

/** The typed form of {@linkcode GameStatusSchema}. */
export type GameStatus = z.infer<typeof GameStatusSchema>;

/** A player as a viewer sees it: the role only where the viewer may know it. */
export const PlayerViewSchema = z.object({
  id: PlayerIdSchema,
  name: z.string(),
  alive: z.boolean(),
  role: RoleSchema.optional(),
});

/** What the game waits for from the viewer. */
export const WaitingForSchema = z.object({
  request: RequestSchema,
  options: z.array(PlayerIdSchema),
  /** The allowed amounts of a `bid` request, lowest first; absent otherwise. */
  amounts: z.array(z.number().int()).optional(),
  deadline: z.number().int(),
});

/** `game.state`: the caller's view of a game. */
export const GameViewSchema = z.object({
  gameId: GameIdSchema,
  name: z.string(),
  status: GameStatusSchema,
  phase: GamePhaseSchema,
  day: z.number().int(),
  players: z.array(PlayerViewSchema),
  /** The caller's own seat, or null for spectators. */
  you: z.object({
    player_id: PlayerIdSchema,
    role: RoleSchema.nullable(),
    teammates: z.array(PlayerIdSchema),
    alive: z.boolean(),
  }).nullable(),
  waitingFor: WaitingForSchema.nullable(),
  /** The current phase's deadline (epoch ms), if it has one. */
  deadline: z.number().int().nullable(),
  winner: WinnerSchema.nullable(),
});

/** The typed form of {@linkcode GameViewSchema}. */
export type GameView = z.infer<typeof GameViewSchema>;

/** `lobby.listGames` rows. */
export const GameSummarySchema = z.object({
  gameId: GameIdSchema,
  name: z.string(),
  status: GameStatusSchema,
  players: z.number().int(),
  joined: z.number().int(),
  day: z.number().int(),
  phase: GamePhaseSchema,
  /** The winning side once the game has ended, else null. */
  winner: WinnerSchema.nullable(),
});

/** The typed form of {@linkcode GameSummarySchema}. */
export type GameSummary = z.infer<typeof GameSummarySchema>;

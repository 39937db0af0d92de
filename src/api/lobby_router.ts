import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  AgentLabelSchema,
  CreateGameInputSchema,
  CreateGameResultSchema,
  DeleteGameInputSchema,
  DeleteGameResultSchema,
  GameIdSchema,
  GameRowSchema,
  JoinActionIdSchema,
  LIST_GAMES_LIMIT,
  ListGamesInputSchema,
  PLAYERS,
} from "../contract/mod.ts";
import { refuseSpectator } from "./_auth.ts";
import type { AppContext } from "./context.ts";
import { createDemoGame } from "./page_procedures.ts";
import { gameProcedure } from "./_game_errors.ts";
import { router } from "./trpc.ts";

/** The games each connection is taking a seat in right now. */
const joining = new WeakMap<AppContext, Set<string>>();

/** `lobby.*`: create, list and join games. */
export const lobbyRouter = router({
  /**
   * Creates a game (with `ADMIN_TOKEN` set, only admins may). `houseBots`
   * seats the server's house bots: a count at once, or `"fill"` at
   * `game.start`; the answer lists the seats they took.
   */
  createGame: gameProcedure
    .input(CreateGameInputSchema)
    .output(CreateGameResultSchema)
    .mutation(({ ctx, input }) => {
      if (!ctx.isAdmin) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Creating a game needs the admin token (connectionParams.token = ADMIN_TOKEN).",
        });
      }
      return ctx.games.create(input);
    }),

  /** Creates a game played by house bots (see `page_procedures.ts`). */
  createDemoGame,

  /**
   * The games, oldest first, optionally of one status: at most `limit`
   * (default 500), the newest after skipping the `offset` newest (see
   * `ListGamesInputSchema`). Ended games stay listed after a restart.
   */
  listGames: gameProcedure
    .input(ListGamesInputSchema)
    .output(z.array(GameRowSchema))
    .query(({ ctx, input }) =>
      ctx.games.list({
        status: input?.status,
        limit: input?.limit ?? LIST_GAMES_LIMIT.default,
        offset: input?.offset ?? 0,
      })
    ),

  /**
   * Removes an ended game for good, its transcript and seat tokens
   * included (admins; in development mode, anyone). A game not ended is
   * refused with PRECONDITION_FAILED.
   */
  deleteGame: gameProcedure
    .input(DeleteGameInputSchema)
    .output(DeleteGameResultSchema)
    .mutation(async ({ ctx, input }) => {
      if (!ctx.isAdmin) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Deleting a game needs the admin token (connectionParams.token = ADMIN_TOKEN); without ADMIN_TOKEN set on the server, anyone may.",
        });
      }
      await ctx.games.delete(input.gameId);
      return { deleted: input.gameId };
    }),

  /**
   * Takes a seat (agents only). The seat token is revealed only here: send
   * it as `connectionParams.token` to be this player again from any socket.
   * This socket is that player at once.
   */
  join: gameProcedure
    .input(
      z.object({
        gameId: GameIdSchema,
        name: z.string().trim().min(1).max(40),
        /** The seat to take (1 to the game's players); default: the lowest free. */
        seat: z.number().int().min(1).max(PLAYERS.max).optional(),
        /** What plays the seat (a tournament's agent, a model), kept in the log. */
        agent: AgentLabelSchema.optional(),
        /**
         * Makes the join idempotent: sent again (on a new connection, the
         * answer lost), the same seat and token, or the same refusal.
         */
        actionId: JoinActionIdSchema.optional(),
      }),
    )
    .output(z.object({ playerId: z.string(), seatToken: z.string() }))
    .mutation(async ({ ctx, input }) => {
      refuseSpectator(ctx, "take a seat");
      if (ctx.who.client_type !== "agent") {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            `Only agents take seats: you are a ${ctx.who.client_type} client. Connect with clientType "agent" to play.`,
        });
      }
      const held = ctx.seats.get(input.gameId) ??
        (joining.get(ctx)?.has(input.gameId) ? "a seat" : undefined);
      if (held !== undefined) {
        throw new TRPCError({
          code: "CONFLICT",
          message:
            `This connection already plays ${held} in ${input.gameId}: one connection holds one seat per game. Open another connection to seat another agent.`,
        });
      }
      const pending = joining.get(ctx) ?? new Set<string>();
      joining.set(ctx, pending.add(input.gameId));
      try {
        const seat = await ctx.games.join(input.gameId, input.name, {
          seat: input.seat,
          agent: input.agent,
          actionId: input.actionId,
        });
        ctx.seats.set(input.gameId, seat.playerId);
        return seat;
      } finally {
        pending.delete(input.gameId);
      }
    }),
});

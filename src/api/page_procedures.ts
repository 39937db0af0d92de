/**
 * The procedures the spectator page needs beyond the game's own:
 * `lobby.createDemoGame` (a game played by the server's house bots) and
 * `system.whoami` (what the caller may do).
 * @module
 */
import { TRPCError } from "@trpc/server";
import {
  CreateDemoGameInputSchema,
  CreateDemoGameResultSchema,
  WhoAmISchema,
} from "../contract/mod.ts";
import { gameProcedure } from "./_game_errors.ts";
import { publicProcedure } from "./trpc.ts";

/**
 * `lobby.createDemoGame` (admins; in development mode, anyone): creates a
 * game and fills every seat with house bots that play inside the server,
 * so it starts at once and plays to its end on its own: `lobby.createGame`
 * with `houseBots` = `players` and one discussion round by default.
 */
export const createDemoGame = gameProcedure
  .input(CreateDemoGameInputSchema.optional())
  .output(CreateDemoGameResultSchema)
  .mutation(async ({ ctx, input = {} }) => {
    if (!ctx.isAdmin) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          "Creating a game needs the admin token (connectionParams.token = ADMIN_TOKEN); without ADMIN_TOKEN set on the server, anyone may.",
      });
    }
    const players = input.players ?? 8;
    const created = await ctx.games.create({
      name: input.name ?? "Demo game",
      players,
      ...(input.seed === undefined ? {} : { seed: input.seed }),
      ...(input.turnPolicy === "bidding" ? { turnPolicy: input.turnPolicy } : {
        discussionRounds: input.discussionRounds ?? 1,
        ...(input.turnPolicy === undefined
          ? {}
          : { turnPolicy: input.turnPolicy }),
      }),
      ...(input.votePolicy === undefined
        ? {}
        : { votePolicy: input.votePolicy }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      autoStart: true,
      ...(input.actionTimeoutMs === undefined
        ? {}
        : { actionTimeoutMs: input.actionTimeoutMs }),
      houseBots: players,
      ...(input.thinkMs === undefined
        ? {}
        : { houseBotThinkMs: input.thinkMs }),
    });
    return { gameId: created.gameId, players: created.houseBots };
  });

/** `system.whoami`: who the server takes the caller for, and its rights. */
export const whoami = publicProcedure
  .output(WhoAmISchema)
  .query(({ ctx }) => ({
    clientId: ctx.who.client_id ?? null,
    clientType: ctx.who.client_type,
    devMode: ctx.devMode,
    admin: ctx.isAdmin,
    godView: ctx.isGod,
  }));

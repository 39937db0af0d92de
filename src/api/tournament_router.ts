/**
 * `tournament.*`: tournaments kept by the server. The runner registers one
 * (`create`, idempotent by key), asks the server to create each scheduled
 * game (`startGame`) and writes its end (`finishGame`); anyone may read a
 * tournament, its results (scored by `src/scoring/` over the ended games)
 * and follow its progress (tracked, resumable with `lastEventId`).
 * @module
 */
import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  TournamentCreateInputSchema,
  TournamentCreateResultSchema,
  TournamentFinishInputSchema,
  TournamentGameInputSchema,
  TournamentInputSchema,
  TournamentProgressInputSchema,
  TournamentRowSchema,
  TournamentSlotSchema,
  TournamentStartResultSchema,
  type TournamentView,
  TournamentViewSchema,
} from "../contract/mod.ts";
import { type Results, ResultsSchema, scoreGames } from "../scoring/mod.ts";
import type { TournamentService } from "../game/mod.ts";
import type { AppContext } from "./context.ts";
import { gameProcedure } from "./_game_errors.ts";
import { router } from "./trpc.ts";

/** Refuses a caller without the admin token. */
function mustAdmin(ctx: AppContext, what: string): void {
  if (!ctx.isAdmin) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `${what} needs the admin token (connectionParams.token = ADMIN_TOKEN).`,
    });
  }
}

/**
 * The results of a tournament's ended games, as `results.json` has them.
 * The bootstrap's seed is the tournament's seed, from which anyone could
 * compute the seeds and deals of the games still to play: it is null
 * unless `mayKnowSeeds` (the admin, the god view) or every game ended.
 */
export async function tournamentResults(
  tournaments: TournamentService,
  tournamentId: string,
  mayKnowSeeds: boolean,
): Promise<Results> {
  const { spec, games, refusals, replayed, complete } = await tournaments
    .games(tournamentId);
  const results = scoreGames({
    games,
    agents: spec.agents,
    refusals,
    voidCauses: spec.voidCauses,
    bootstrap: { seed: spec.bootstrapSeed },
  });
  return {
    ...results,
    bootstrap: {
      ...results.bootstrap,
      seed: mayKnowSeeds || complete ? results.bootstrap.seed : null,
    },
    replayed,
  };
}

/**
 * A tournament as `viewer` may see it: without the schedule's seed and the
 * bootstrap's (which give every game's seed and deal) for anyone but the
 * admin and the god view until every game ended.
 */
function shown(view: TournamentView, mayKnowSeeds: boolean): TournamentView {
  if (mayKnowSeeds || view.done === view.total) return view;
  const { seed: _seed, ...schedule } = view.schedule;
  const { bootstrapSeed: _bootstrap, ...rest } = view;
  return { ...rest, schedule };
}

/** `tournament.*`. */
export const tournamentRouter = router({
  /** Registers a tournament, or finds the one of its key (admins only). */
  create: gameProcedure.input(TournamentCreateInputSchema)
    .output(TournamentCreateResultSchema)
    .mutation(({ ctx, input }) => {
      mustAdmin(ctx, "Creating a tournament");
      return ctx.tournaments.create(input);
    }),

  /** A tournament with the state of every scheduled game. */
  get: gameProcedure.input(TournamentInputSchema).output(TournamentViewSchema)
    .query(async ({ ctx, input }) =>
      shown(
        await ctx.tournaments.get(input.tournamentId),
        ctx.isAdmin || ctx.isGod,
      )
    ),

  /** Every tournament's row, oldest first. */
  list: gameProcedure.output(z.array(TournamentRowSchema))
    .query(({ ctx }) => ctx.tournaments.list()),

  /** The results over the games ended so far (`results.json`). */
  results: gameProcedure.input(TournamentInputSchema).output(ResultsSchema)
    .query(({ ctx, input }) =>
      tournamentResults(
        ctx.tournaments,
        input.tournamentId,
        ctx.isAdmin || ctx.isGod,
      )
    ),

  /**
   * Creates scheduled game `index` with its seed, roles and deal (a replay
   * when the slot's earlier game did not end), or answers the slot's game
   * with `ended` when it ended meanwhile (admins only).
   */
  startGame: gameProcedure.input(TournamentGameInputSchema)
    .output(TournamentStartResultSchema)
    .mutation(({ ctx, input }) => {
      mustAdmin(ctx, "Starting a tournament's game");
      return ctx.tournaments.startGame(input.tournamentId, input.index);
    }),

  /** Writes that the slot's game ended, with the runner's refusals (admins only). */
  finishGame: gameProcedure.input(TournamentFinishInputSchema)
    .output(TournamentSlotSchema)
    .mutation(({ ctx, input }) => {
      mustAdmin(ctx, "Writing a tournament game's end");
      return ctx.tournaments.finishGame(input.tournamentId, input.index, {
        gameId: input.gameId,
        ...(input.refusals === undefined ? {} : { refusals: input.refusals }),
      });
    }),

  /**
   * The tournament's progress events (`game_started`, `game_ended`), each
   * tracked with its seq; with `lastEventId`, those after it, then live.
   */
  progress: gameProcedure.input(TournamentProgressInputSchema)
    .subscription(async ({ ctx, input, signal }) => {
      // awaited here, so that an unknown tournament's GameError passes the
      // middleware and reaches the client as NOT_FOUND
      const events = await ctx.tournaments.progress(input.tournamentId, {
        lastEventId: input.lastEventId,
        ...(signal === undefined ? {} : { signal }),
      });
      return (async function* () {
        for await (const event of events) {
          yield tracked(String(event.seq), event);
        }
      })();
    }),
});

import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  BID_MAX,
  GameActionSchema,
  GameViewSchema,
  type PlayerId,
  PlayerIdSchema,
  SAY_CHARS_LIMIT,
} from "../contract/mod.ts";
import {
  type Command,
  summaryOf,
  usageTotals,
  type Viewer,
  viewOf,
} from "../engine/mod.ts";
import type { AppContext } from "./context.ts";
import type { GameRoom } from "../game/mod.ts";
import { gameProcedure } from "./_game_errors.ts";
import { router } from "./trpc.ts";
import { forfeit, gameInput, moveInput, recordsIn } from "./_moves.ts";

const accepted = z.object({ seq: z.number().int() });

/** Who the caller is in a game: its seat, the god view, or the public. */
export function viewerOf(ctx: AppContext, gameId: string): Viewer {
  const playerId = ctx.seats.get(gameId);
  if (playerId !== undefined) return { kind: "player", player_id: playerId };
  return ctx.isGod ? { kind: "god" } : { kind: "public" };
}

function seatOf(ctx: AppContext, gameId: string): string {
  const playerId = ctx.seats.get(gameId);
  if (playerId === undefined && ctx.who.client_type !== "agent") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `${ctx.who.client_type} clients watch games but do not play: connect as an agent with a seat token to act.`,
    });
  }
  if (playerId === undefined) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message:
        `You have no seat in ${gameId}: join it with lobby.join, or connect with your seat token (connectionParams.token).`,
    });
  }
  return playerId;
}

/**
 * A command's answer for the caller: `seq` is the caller's own seq of the
 * command's last event (the last event it may see by then), as its
 * `game.events` numbers them, never the global one.
 */
async function answer(
  room: GameRoom,
  opts: { viewer: Viewer; accepted: Promise<{ seq: number }> },
): Promise<{ seq: number }> {
  const { seq } = await opts.accepted;
  return { seq: room.viewerSeq(opts.viewer, seq) };
}

/** Submits a player's command, idempotent under `actionId`. */
function play(
  ctx: AppContext,
  gameId: string,
  actionId: string | undefined,
  command: (playerId: string, at: number) => Command,
) {
  const playerId = seatOf(ctx, gameId);
  const room = ctx.games.room(gameId);
  const key = actionId === undefined ? undefined : { seat: playerId, actionId };
  const accepted = room.submit(command(playerId, ctx.games.now()), key);
  const viewer: Viewer = { kind: "player", player_id: playerId as PlayerId };
  return answer(room, { viewer, accepted });
}

/** `game.*`: start, look, listen, speak, vote, act and bid. */
export const gameRouter = router({
  /**
   * Starts a game before every seat is taken (admins only; in development
   * mode, anyone); a game created with `houseBots: "fill"` first gets house
   * bots in every empty seat. Client ids are not credentials, so being the
   * creator's client id grants nothing.
   */
  start: gameProcedure.input(gameInput).output(accepted).mutation(
    ({ ctx, input }) => {
      if (!ctx.isAdmin) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Only an admin (token = ADMIN_TOKEN) may start a game before every seat is taken; otherwise it starts when the last seat fills.",
        });
      }
      const room = ctx.games.room(input.gameId);
      const accepted = ctx.games.start(input.gameId);
      return answer(room, { viewer: viewerOf(ctx, input.gameId), accepted });
    },
  ),

  /** The caller's view of the game. */
  state: gameProcedure.input(gameInput).output(GameViewSchema).query(
    ({ ctx, input }) => {
      const room = ctx.games.room(input.gameId);
      return viewOf(room.state, viewerOf(ctx, input.gameId));
    },
  ),

  /**
   * The whole event log the caller may see, in order: every event of an
   * ended game with its global seq, or the caller's view of a running one
   * numbered in its own sequence (what `game.events` would replay from the
   * start). Also `GET /games/{gameId}/transcript.jsonl`. `usage`: each
   * player's totals of the usage records among those events (so, while the
   * game runs, only the caller's own).
   */
  transcript: gameProcedure.input(gameInput).query(({ ctx, input }) => {
    const room = ctx.games.room(input.gameId);
    const { status, winner } = summaryOf(room.state);
    const events = room.transcript(viewerOf(ctx, input.gameId));
    return {
      gameId: input.gameId,
      status,
      winner,
      events,
      usage: usageTotals(events),
    };
  }),

  /**
   * The game's events the caller may see, each tracked with the caller's
   * own seq (1, 2, 3…: a gap would count hidden events); with
   * `lastEventId` (such a seq), exactly what was missed, then live.
   */
  events: gameProcedure
    .input(gameInput.extend({ lastEventId: z.string().max(16).nullish() }))
    .subscription(({ ctx, input, signal }) => {
      // looked up before the stream starts: an unknown game is NOT_FOUND
      const room = ctx.games.room(input.gameId);
      const viewer = viewerOf(ctx, input.gameId);
      return (async function* () {
        const stream = room.subscribe(viewer, {
          lastEventId: input.lastEventId,
          signal,
        });
        for await (const { id, event } of stream) yield tracked(id, event);
      })();
    }),

  /**
   * Speaks (discussion turn, or the werewolves' channel at night); "" passes.
   * The engine applies the game's `maxSayChars` and the speech rule. With
   * `failed` instead of `text`, the speaking turn passes at once. Every move
   * takes optional `reasoning` and `usage`, private to the author until the
   * game ends.
   */
  say: gameProcedure
    .input(
      moveInput({ text: z.string().max(SAY_CHARS_LIMIT).optional() }, "text"),
    )
    .output(accepted)
    .mutation(({ ctx, input }) =>
      play(
        ctx,
        input.gameId,
        input.actionId,
        (player_id, at) =>
          input.failed !== undefined || input.text === undefined
            ? forfeit("say", input, { player_id, at })
            : {
              type: "say",
              at,
              player_id,
              text: input.text.trim(),
              ...recordsIn(input),
            },
      )
    ),

  /**
   * Votes for a living player, or abstains with `target: null`; with
   * `failed` instead of `target`, the default (abstain) applies at once.
   */
  vote: gameProcedure
    .input(
      moveInput({ target: PlayerIdSchema.nullable().optional() }, "target"),
    )
    .output(accepted)
    .mutation(({ ctx, input }) =>
      play(
        ctx,
        input.gameId,
        input.actionId,
        (player_id, at) =>
          input.failed !== undefined || input.target === undefined
            ? forfeit("vote", input, { player_id, at })
            : {
              type: "vote",
              at,
              player_id,
              target: input.target,
              ...recordsIn(input),
            },
      )
    ),

  /**
   * Uses a power: a night action, the witch's potions, the hunter's shot;
   * with `failed` instead of `action`, the request's default applies at once.
   */
  act: gameProcedure
    .input(moveInput({ action: GameActionSchema.optional() }, "action"))
    .output(accepted)
    .mutation(({ ctx, input }) =>
      play(
        ctx,
        input.gameId,
        input.actionId,
        (player_id, at) =>
          input.failed !== undefined || input.action === undefined
            ? forfeit("act", input, { player_id, at })
            : {
              type: "act",
              at,
              player_id,
              action: input.action,
              ...recordsIn(input),
            },
      )
    ),

  /**
   * Bids for the next speaking turn (turnPolicy bidding): a whole number
   * from 0 (listen) to `BID_MAX` (4: you were addressed directly), one of
   * the `your_turn`'s `amounts`; hidden from the others until the turn is
   * decided (`bids_revealed`). With `failed` instead of `amount`, the
   * default (0) applies at once.
   */
  bid: gameProcedure
    .input(
      moveInput(
        { amount: z.number().int().min(0).max(BID_MAX).optional() },
        "amount",
      ),
    )
    .output(accepted)
    .mutation(({ ctx, input }) =>
      play(
        ctx,
        input.gameId,
        input.actionId,
        (player_id, at) =>
          input.failed !== undefined || input.amount === undefined
            ? forfeit("bid", input, { player_id, at })
            : {
              type: "bid",
              at,
              player_id,
              amount: input.amount,
              ...recordsIn(input),
            },
      )
    ),
});

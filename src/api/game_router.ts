import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  BID_MAX,
  GameActionSchema,
  GameViewSchema,
  type PlayerId,
  PlayerIdSchema,
  SAY_CHARS_LIMIT,
} from "../contract/mod.ts";
import type { AppContext } from "./context.ts";
import type { GameRoom, Move, Via, Viewer } from "../game/mod.ts";
import { gameProcedure } from "./_game_errors.ts";
import { router } from "./trpc.ts";
import { trackedStream } from "./_tracked_stream.ts";
import { gameInput, type MoveInput, moveInput, moveOf } from "./_moves.ts";

const accepted = z.object({ seq: z.number().int() });

/** Who the caller is in a game: its seat, the god view, or the public. */
function viewerOf(ctx: AppContext, gameId: string): Viewer {
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

/**
 * Plays the caller's `move` through `via`, idempotent under `actionId`; a
 * missing move (the input sent `failed` instead) is the `forfeit` of the
 * awaited request, which applies its default at once.
 */
async function play(
  ctx: AppContext,
  input: MoveInput,
  opts: { via: Via; move: Move | undefined },
): Promise<{ seq: number }> {
  const playerId = seatOf(ctx, input.gameId) as PlayerId;
  return (await ctx.games.open(input.gameId)).play(
    playerId,
    moveOf(input, opts),
    input.actionId,
  );
}

/** `game.*`: start, look, listen, speak, vote, act and bid. */
export const gameRouter = router({
  /**
   * Starts a game before every seat is taken (admins only; in development
   * mode, anyone); a game created with `houseBots: "fill"` first gets house
   * bots in every empty seat. Client ids are not credentials: who created
   * the game is not kept and grants nothing.
   */
  start: gameProcedure.input(gameInput).output(accepted).mutation(
    async ({ ctx, input }) => {
      if (!ctx.isAdmin) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Only an admin (token = ADMIN_TOKEN) may start a game before every seat is taken; otherwise it starts when the last seat fills.",
        });
      }
      const room = await ctx.games.open(input.gameId);
      const accepted = ctx.games.start(input.gameId);
      return answer(room, { viewer: viewerOf(ctx, input.gameId), accepted });
    },
  ),

  /** The caller's view of the game. */
  state: gameProcedure.input(gameInput).output(GameViewSchema).query(
    async ({ ctx, input }) => {
      const room = await ctx.games.open(input.gameId);
      return room.view(viewerOf(ctx, input.gameId));
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
  transcript: gameProcedure.input(gameInput).query(async ({ ctx, input }) => {
    const room = await ctx.games.open(input.gameId);
    return {
      gameId: input.gameId,
      ...room.transcript(viewerOf(ctx, input.gameId)),
    };
  }),

  /**
   * The game's events the caller may see, each tracked with the caller's
   * own seq (1, 2, 3…: a gap would count hidden events); with
   * `lastEventId` (such a seq), exactly what was missed, then live.
   */
  events: gameProcedure
    .input(gameInput.extend({ lastEventId: z.string().max(16).nullish() }))
    .subscription(async ({ ctx, input, signal }) => {
      // looked up before the stream starts: an unknown game is NOT_FOUND
      const room = await ctx.games.open(input.gameId);
      const viewer = viewerOf(ctx, input.gameId);
      const { watching } = ctx;
      const { gameId } = input;
      const stream = room.subscribe(viewer, {
        lastEventId: input.lastEventId,
        signal,
      });
      // what the operator's view says this connection follows
      watching.set(gameId, (watching.get(gameId) ?? 0) + 1);
      return trackedStream(stream, {
        onEnd: () => {
          const left = (watching.get(gameId) ?? 1) - 1;
          if (left > 0) watching.set(gameId, left);
          else watching.delete(gameId);
        },
      });
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
      play(ctx, input, {
        via: "say",
        move: input.text === undefined || input.failed !== undefined
          ? undefined
          : { type: "say", text: input.text.trim() },
      })
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
      play(ctx, input, {
        via: "vote",
        move: input.target === undefined || input.failed !== undefined
          ? undefined
          : { type: "vote", target: input.target },
      })
    ),

  /**
   * Uses a power: a night action, the witch's potions, the hunter's shot;
   * with `failed` instead of `action`, the request's default applies at once.
   */
  act: gameProcedure
    .input(moveInput({ action: GameActionSchema.optional() }, "action"))
    .output(accepted)
    .mutation(({ ctx, input }) =>
      play(ctx, input, {
        via: "act",
        move: input.action === undefined || input.failed !== undefined
          ? undefined
          : { type: "act", action: input.action },
      })
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
      play(ctx, input, {
        via: "bid",
        move: input.amount === undefined || input.failed !== undefined
          ? undefined
          : { type: "bid", amount: input.amount },
      })
    ),
});

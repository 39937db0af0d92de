import { isTrackedEnvelope, TRPCError } from "@trpc/server";
import type { GameEventOf, PlayerId } from "../contract/mod.ts";
import type { AppContext } from "../api/context.ts";
import type { appRouter } from "../api/router.ts";
import { gameEventMessage, hubOutgoing } from "./messages.ts";
import type { LegacyDelivery } from "./legacy_client.ts";

type Caller = ReturnType<typeof appRouter.createCaller>;

/**
 * The hub messages addressed to the client of `ctx` (`hub.events` through
 * `caller`): the `connection` welcome first (with `data.game_id` and
 * `data.player_id` when a seat token was given: `seatGame`), then what was
 * missed after `lastEventId`, then live messages. A `presence_diff` comes
 * as the original `connection` and `disconnection` messages it lists (but
 * this client's own), each with the diff's event id.
 */
export async function* legacyHubEvents(
  ctx: AppContext,
  opts: {
    lastEventId: string | null;
    presence: boolean | undefined;
    seatGame: string | null;
    caller: Caller;
  },
): AsyncGenerator<LegacyDelivery, void, undefined> {
  const stream = await opts.caller.hub.events({
    lastEventId: opts.lastEventId,
    presence: opts.presence,
    observers: true, // the original protocol announces every client
  });
  let first = true;
  for await (const item of stream) {
    const [id, message] = untrack(item);
    if (message.message_type === "presence_diff") {
      // the original protocol has no diff: each change as its own message
      const { leaves, joins } = message.data;
      for (const change of [...leaves, ...joins]) {
        if (change.client_id === ctx.who.client_id) continue; // as ever
        yield { id, message: hubOutgoing(change) };
      }
      continue;
    }
    const out = hubOutgoing(message);
    const game = opts.seatGame;
    if (first && message.message_type === "connection" && game !== null) {
      out.data = { ...out.data, game_id: game, player_id: ctx.seats.get(game) };
    }
    first = false;
    yield { id, message: out };
  }
}

/**
 * The events of `gameId` the connection of `ctx` may see (`game.events`
 * through `caller`), after its own seq `after` (each event's `seq` is the
 * viewer's own, see `game.events`), as `game_event` and `your_turn`
 * messages; it ends after `game_over`. A resuming player whose turn came
 * before `after` and is still awaited gets that `your_turn` again first.
 */
export async function* legacyGameEvents(
  ctx: AppContext,
  opts: { gameId: string; after: number; caller: Caller },
): AsyncGenerator<LegacyDelivery, void, undefined> {
  const { gameId, after } = opts;
  const stream = await opts.caller.game.events({
    gameId,
    lastEventId: after > 0 ? String(after) : null,
  });
  const again = after > 0 ? awaitedTurn(ctx, gameId, after) : null;
  if (again !== null) {
    const message = gameEventMessage(gameId, { event: again, awaited: true });
    yield { id: String(after), message };
  }
  for await (const item of stream) {
    const [id, event] = untrack(item);
    const awaited = event.type === "your_turn" &&
      isAwaited(ctx, gameId, event);
    const message = gameEventMessage(gameId, { event, awaited });
    const last = event.type === "game_over";
    yield { id: String(id), message, last };
    if (last) return;
  }
}

/** Whether `turn` is this seat's and the game still waits for it. */
function isAwaited(
  ctx: AppContext,
  gameId: string,
  turn: GameEventOf<"your_turn">,
): boolean {
  const pending = pendingOf(ctx, gameId);
  return pending !== null && turn.player_id === pending.player_id &&
    turn.request === pending.request && turn.deadline === pending.deadline;
}

/** The seat's awaited `your_turn` among its first `upTo` events, its seq its own. */
function awaitedTurn(
  ctx: AppContext,
  gameId: string,
  upTo: number,
): GameEventOf<"your_turn"> | null {
  const playerId = ctx.seats.get(gameId) as PlayerId | undefined;
  if (playerId === undefined) return null;
  return ctx.games.room(gameId).awaitedTurn(playerId, upTo);
}

/** What the game waits for from this connection's seat in `gameId`. */
function pendingOf(ctx: AppContext, gameId: string) {
  const playerId = ctx.seats.get(gameId) as PlayerId | undefined;
  if (playerId === undefined) return null;
  const pending = ctx.games.room(gameId).awaited(playerId);
  return pending === null ? null : { ...pending, player_id: playerId };
}

/**
 * A subscription's item as `[id, data]`: the resolver yields tracked
 * envelopes, which the caller's types describe as `{ id, data }`.
 */
export function untrack<T>(item: { id: string; data: T }): [string, T] {
  const raw: unknown = item;
  if (isTrackedEnvelope(raw)) return [String(raw[0]), raw[1] as T];
  return [item.id, item.data];
}

/**
 * `?presence=`: `1` or `true` asks for the other clients' presence, `0` or
 * `false` declines it; absent, the client type decides. Anything else is
 * an error to tell the client (and the default applies).
 */
export function presenceParam(
  request: Request,
): boolean | undefined | TRPCError {
  const value = new URL(request.url).searchParams.get("presence");
  if (value === null) return undefined;
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `presence=${
      JSON.stringify(value.slice(0, 40))
    } is not a choice: use presence=1 to receive the other clients' connection and disconnection messages, presence=0 not to (without it, ui and observer clients receive them, agents do not).`,
  });
}

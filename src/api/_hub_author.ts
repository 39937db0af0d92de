import { TRPCError } from "@trpc/server";
import type { PublishableMessage } from "../contract/mod.ts";
import type { AppContext } from "./context.ts";

/** One of the caller's seats, with its player's name. */
interface OwnSeat {
  gameId: string;
  playerId: string;
  name: string;
}

/**
 * Who a published `agent_message` or `player_action` says it is from,
 * checked against the caller: `agent_id` and `agent_name` name the sender.
 * An authenticated admin (the `ADMIN_TOKEN`, not development mode) speaks
 * for the server and may name anyone; `agent_name` defaults to `sender`.
 *
 * - A caller holding seats (a seat token, or a join on this socket):
 *   `agent_id` is one of its seats' player ids and `agent_name` that
 *   player's name; left out, the server fills them from the matching seat
 *   (the latest one when several match).
 * - A caller without a seat speaks as its client id `sender`: `agent_id`
 *   is left out or `sender`, `agent_name` left out or `sender` (filled
 *   with `sender`).
 *
 * Anything else is a FORBIDDEN that says what is allowed.
 */
export function authoredBy(
  ctx: Pick<AppContext, "seats" | "games" | "isAdmin" | "devMode">,
  message: PublishableMessage,
  sender: string,
): PublishableMessage {
  if (
    message.message_type !== "agent_message" &&
    message.message_type !== "player_action"
  ) {
    return message;
  }
  const claimedName = message.message_type === "agent_message"
    ? message.agent_name
    : undefined;
  if (ctx.isAdmin && !ctx.devMode) {
    return message.message_type === "agent_message"
      ? { ...message, agent_name: claimedName ?? sender }
      : message;
  }
  const { agent_id } = message;
  const seats = ownSeats(ctx);
  if (seats.length === 0) {
    if (
      (agent_id !== undefined && agent_id !== sender) ||
      (claimedName !== undefined && claimedName !== sender)
    ) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          `Without a seat you speak as your client id: leave agent_id and agent_name out (the server fills agent_name with "${sender}") or set them to "${sender}". Connect with your seat token (connectionParams.token) to speak as your player.`,
      });
    }
    return message.message_type === "agent_message"
      ? { ...message, agent_name: sender }
      : message;
  }
  const seat = seats.findLast((s) =>
    (agent_id === undefined || s.playerId === agent_id) &&
    (claimedName === undefined || s.name === claimedName)
  );
  if (seat === undefined) {
    const held = seats.map((s) => `${s.playerId} ("${s.name}") in ${s.gameId}`)
      .join(", ");
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `agent_id and agent_name name your own seat: you hold ${held}. Send that player id and name, or leave them out and the server fills them.`,
    });
  }
  return message.message_type === "agent_message"
    ? { ...message, agent_id: seat.playerId, agent_name: seat.name }
    : { ...message, agent_id: seat.playerId };
}

/** The caller's seats in the order they were taken, with their names. */
function ownSeats(ctx: Pick<AppContext, "seats" | "games">): OwnSeat[] {
  const seats: OwnSeat[] = [];
  for (const [gameId, playerId] of ctx.seats) {
    let name: string | undefined;
    try {
      name = ctx.games.room(gameId).state.players
        .find((player) => player.id === playerId)?.name;
    } catch {
      name = undefined; // the game is gone: that seat names no one
    }
    if (name !== undefined) seats.push({ gameId, playerId, name });
  }
  return seats;
}

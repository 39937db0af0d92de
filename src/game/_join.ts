/**
 * `GameService.join`'s seat taking: the seat token (minted, or derived
 * from the join's `actionId` so that a retried join answers the same one)
 * and the `join` command that stores its hash with the seat.
 * @module
 */
import { GameError } from "./game_error.ts";
import type { GameRoom } from "./game_room.ts";
import { joinKey, type SeatTokens } from "./seat_tokens.ts";

/** The options of a join. */
export interface JoinOptions {
  /** The seat to take (1 to the game's players); default the lowest free. */
  seat?: number | undefined;
  /** What plays the seat, kept in the log. */
  agent?: string | undefined;
  /** Makes the join idempotent (see `GameService.join`). */
  actionId?: string | undefined;
}

/**
 * Takes a seat of `room`'s game for `name` at `at` (epoch ms): the seat
 * and its token's hash in one commit; answers the player and the token.
 */
export async function takeSeat(
  room: GameRoom,
  tokens: SeatTokens,
  options: JoinOptions & { name: string; at: number },
): Promise<{ playerId: string; seatToken: string }> {
  const { actionId, name, at } = options;
  const { token, hash } = actionId === undefined
    ? await tokens.mint()
    : await tokens.derive(room.gameId, actionId);
  const key = actionId === undefined
    ? undefined
    : await joinKey(actionId, tokens.sha256);
  const { events } = await room.submit(
    {
      type: "join",
      at,
      name,
      ...(options.seat === undefined ? {} : { seat: options.seat }),
      ...(options.agent === undefined ? {} : { agent: options.agent }),
    },
    key,
    { seatTokenHash: hash },
  );
  const joined = events.find((event) => event.type === "player_joined");
  if (joined?.type !== "player_joined") {
    throw new GameError("PRECONDITION_FAILED", "The seat could not be taken.");
  }
  return { playerId: joined.player_id, seatToken: token };
}

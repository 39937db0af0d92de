/**
 * Why a store refused a room's append: the log it holds already goes past
 * the room's state (an earlier commit reached the store although the room
 * was told it failed: a connection cut between the write and its answer).
 * The room is behind, not wrong: it catches up from the store (the stored
 * events and idempotency outcomes are the truth) and the command is retried.
 * @module
 */

/** The store's log holds events the room has not folded (see module doc). */
export class StaleLogError extends Error {
  /** The game. */
  readonly gameId: string;

  constructor(gameId: string, message: string) {
    super(message);
    this.name = "StaleLogError";
    this.gameId = gameId;
  }
}

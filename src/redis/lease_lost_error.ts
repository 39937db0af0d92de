import { StaleLogError } from "../game/mod.ts";

/**
 * Why the Redis store refused a game's write: another instance owns the
 * game (its lease and a newer fencing token), so this one's room is stale.
 */
export class LeaseLostError extends Error {
  /** The game. */
  readonly gameId: string;

  constructor(gameId: string, detail: string) {
    super(
      `Game ${gameId}: this instance does not own the game (${detail}), so Redis refused its write; the instance holding the lease plays it now.`,
    );
    this.name = "LeaseLostError";
    this.gameId = gameId;
  }
}

/** The error a Redis error reply of the store's scripts stands for. */
export function scriptError(error: unknown, where: string): Error {
  const text = error instanceof Error ? error.message : String(error);
  const [code, gameId = "?", ...rest] = text.split(" ");
  if (code === "FENCED") {
    const [token, holder] = rest;
    return new LeaseLostError(
      gameId,
      `the fencing token is now ${token}${
        holder === undefined ? "" : `, the lease is ${holder}'s`
      }`,
    );
  }
  if (code === "DUPLICATE") {
    return new StaleLogError(
      gameId,
      `Game ${gameId}: Redis refused event ${
        rest[0]
      }: the stream already holds up to ${rest[1]} (a duplicate append).`,
    );
  }
  if (code === "NOROW") {
    return new Error(`The first batch of ${gameId} has no summary.`);
  }
  return new Error(`Redis (${where}) failed: ${text}`, { cause: error });
}

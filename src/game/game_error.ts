import type { Violation } from "../engine/mod.ts";

/** A rule violation or a service refusal, with the code the API maps to tRPC's. */
export class GameError extends Error {
  override name = "GameError";
  /** The code (a tRPC error code name). */
  readonly code:
    | Violation["code"]
    | "UNAUTHORIZED"
    | "TOO_MANY_REQUESTS"
    | "SERVICE_UNAVAILABLE"
    | "TIMEOUT"
    | "INTERNAL_SERVER_ERROR";

  constructor(code: GameError["code"], message: string) {
    super(message);
    this.code = code;
  }

  /** The error a stored refusal stands for or forwarded by a game's owner (an unknown code is a BAD_REQUEST). */
  static stored(code: string, message: string): GameError {
    const known = [
      "PRECONDITION_FAILED",
      "FORBIDDEN",
      "NOT_FOUND",
      "UNAUTHORIZED",
      "TOO_MANY_REQUESTS",
      "SERVICE_UNAVAILABLE",
      "CONFLICT",
      "TIMEOUT",
      "INTERNAL_SERVER_ERROR",
    ];
    return new GameError(
      (known.includes(code) ? code : "BAD_REQUEST") as GameError["code"],
      message,
    );
  }

  /** The error for an engine violation. */
  static of(violation: Violation): GameError {
    return new GameError(violation.code, violation.message);
  }
}

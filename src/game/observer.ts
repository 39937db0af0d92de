/**
 * What the game service tells of its work, for metrics and traces, through
 * an object the server injects (the game layer imports no metrics library).
 * @module
 */

/** The steps of one command, each a span when traced. */
export type CommandStep = "decide" | "commit" | "fan_out";

/** One command followed as it runs (a trace). */
export interface CommandTrace {
  /** `step` begins; the step before it, if any, is over. */
  step(step: CommandStep): void;
  /**
   * The command is over: `outcome` is `applied`, or the code it was
   * refused with (a violation's, or INTERNAL_SERVER_ERROR when it could not
   * be saved). Called once.
   */
  end(outcome: string): void;
}

/**
 * Told of each command, default and group commit. Every method is
 * optional; without an observer nothing is measured. Labels passed are
 * bounded (command types, codes, causes), never game or client ids, except
 * `trace`'s game id, which a trace may carry.
 */
export interface GameObserver {
  /** A command ended: `outcome` as {@linkcode CommandTrace.end} has it. */
  command?(command: string, outcome: string): void;
  /** The server applied a player's default, for `cause` (deadline, or the failure declared). */
  defaulted?(cause: string): void;
  /** `events` new events were appended to a game's log. */
  appended?(events: number): void;
  /** A game ended. */
  ended?(): void;
  /** A new game was refused: the instance leads its `maxGamesInPlay` already. */
  gameRefused?(): void;
  /** A tournament's game was started or ended (its progress event's type). */
  tournamentGame?(event: "game_started" | "game_ended"): void;
  /** A group commit of `batches` commands took `ms` milliseconds in the store. */
  committed?(batches: number, ms: number): void;
  /** Follows one command of `gameId`, or undefined not to. */
  trace?(gameId: string, command: string): CommandTrace | undefined;
}

import type {
  GameEvent,
  GameRow,
  GameStatus,
  GameSummary,
} from "../contract/mod.ts";
import type { Seat } from "./seat_tokens.ts";

/**
 * A value, or the promise of it: what a {@linkcode GameStore} answers. An
 * in-process store (SQLite, memory) answers at once, a networked one
 * (Redis) with a promise; callers await only when they got a promise, so
 * the synchronous stores pay nothing for the asynchronous ones.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * How a keyed command (a player's `actionId`) ended, as the store keeps
 * it: accepted with the sequence numbers of its events, or refused.
 */
export type StoredOutcome =
  | { ok: true; seq: number; count: number }
  | { ok: false; code: string; message: string };

/** A game as the store gave it back, to resume after a restart. */
export interface StoredGame {
  /** The whole event log. */
  events: readonly GameEvent[];
  /** The idempotency keys and their outcomes, oldest first. */
  outcomes: readonly [string, StoredOutcome][];
}

/** How a keyed command ended, as a {@linkcode CommitBatch} carries it. */
export interface KeyedOutcome {
  /** The key: `seat/actionId`. */
  key: string;
  /** How the command ended. */
  outcome: StoredOutcome;
  /**
   * A key of the same game the room no longer remembers (the seat's oldest
   * of the same kind, past its bound): the store forgets it too, so that it
   * keeps what the live room keeps and no more.
   */
  evicts?: string | undefined;
}

/** What one command changes, written in one transaction. */
export interface CommitBatch {
  /** The game. */
  gameId: string;
  /** The new events, in order (may be empty for a refused keyed command). */
  events: readonly GameEvent[];
  /**
   * The game's row after the events; omitted when it did not change (the
   * first batch of a game always carries it).
   */
  summary?: GameSummary | undefined;
  /** The hash of the seat token of the player this batch seats. */
  seat?: { tokenHash: string; playerId: string } | undefined;
  /** The idempotency key of the command and how it ended. */
  outcome?: KeyedOutcome | undefined;
}

/** The filters of {@linkcode GameStore.listGames}. */
export interface ListOptions {
  /** Only games of this status. */
  status?: GameStatus | undefined;
  /** At most this many, the newest. */
  limit?: number | undefined;
  /** Skip this many of the newest matching games first. Default 0. */
  offset?: number | undefined;
}

/**
 * Where games are kept: the port the game service writes through, so the
 * engine and the rooms stay free of I/O. Every method may answer at once or
 * with a promise ({@linkcode MaybePromise}). `commit` is durable when it
 * returns (or its promise resolves): a command is answered only after it
 * (the `CommitQueue` groups the commands of many games into one).
 */
export interface GameStore {
  /**
   * Writes the batches (each a command's events, its game's row and its
   * outcome) in one transaction: all or nothing; throws (or rejects) if it
   * cannot, having written none of them.
   */
  commit(batches: readonly CommitBatch[]): MaybePromise<void>;
  /**
   * The games' rows, oldest first: the newest `limit` of them after the
   * `offset` newest. `createdAt` is the time of the first batch's first
   * event, `endedAt` that of the batch that made the row `ended`.
   */
  listGames(options?: ListOptions): MaybePromise<GameRow[]>;
  /**
   * Removes an ended game: its row, events, outcomes and seat tokens.
   * Answers false, removing nothing, when there is no such game or it has
   * not ended.
   */
  deleteEnded(gameId: string): MaybePromise<boolean>;
  /** Whether the store has a game of that id. */
  has(gameId: string): MaybePromise<boolean>;
  /** A game's whole event log, in order. */
  events(gameId: string): MaybePromise<GameEvent[]>;
  /**
   * A game's idempotency keys with their outcomes, in the order they were
   * written (oldest first; a key written again counts as its last write).
   */
  outcomes(gameId: string): MaybePromise<[string, StoredOutcome][]>;
  /** The ids of the games not ended, oldest first. */
  unfinished(): MaybePromise<string[]>;
  /** The seat a token hash stands for, or null. */
  seat(tokenHash: string): MaybePromise<Seat | null>;
  /** Releases the store; nothing may be called after. */
  close(): MaybePromise<void>;
}

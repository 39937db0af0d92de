import type { GameEvent, GameRow, GameSummary } from "../contract/mod.ts";
import type { Seat } from "./seat_tokens.ts";
import type {
  CommitBatch,
  GameStore,
  ListOptions,
  StoredOutcome,
} from "./store.ts";

interface Entry {
  summary: GameSummary;
  /** The first event's time, and the time of the last change of the row. */
  createdAt: number;
  updatedAt: number;
  events: GameEvent[];
  outcomes: Map<string, StoredOutcome>;
}

/**
 * A {@linkcode GameStore} in memory: nothing survives the process. The
 * default of a bare {@linkcode GameService}, for tests and embedding.
 */
export class MemoryGameStore implements GameStore {
  #games = new Map<string, Entry>();
  #seats = new Map<string, Seat>();

  /** Keeps the batches (events are kept by reference: they are frozen). */
  commit(batches: readonly CommitBatch[]): void {
    for (const batch of batches) {
      if (!this.#games.has(batch.gameId) && batch.summary === undefined) {
        throw new Error(`The first batch of ${batch.gameId} has no summary.`);
      }
    }
    for (const batch of batches) this.#keep(batch);
  }

  #keep(batch: CommitBatch): void {
    let entry = this.#games.get(batch.gameId);
    const at = batch.events.at(-1)?.at ?? 0; // as the SQLite store keeps it
    if (entry === undefined) {
      entry = {
        summary: batch.summary as GameSummary,
        createdAt: batch.events[0]?.at ?? 0,
        updatedAt: at,
        events: [],
        outcomes: new Map(),
      };
      this.#games.set(batch.gameId, entry);
    }
    if (batch.summary !== undefined) {
      entry.summary = batch.summary;
      entry.updatedAt = Math.max(entry.updatedAt, at);
    }
    entry.events.push(...batch.events);
    if (batch.seat !== undefined) {
      const { tokenHash, playerId } = batch.seat;
      this.#seats.set(tokenHash, { gameId: batch.gameId, playerId });
    }
    if (batch.outcome !== undefined) {
      const { key, outcome, evicts } = batch.outcome;
      if (evicts !== undefined) entry.outcomes.delete(evicts);
      entry.outcomes.delete(key); // written again: now the newest
      entry.outcomes.set(key, outcome);
    }
  }

  /** The rows, oldest first. */
  listGames(options: ListOptions = {}): GameRow[] {
    const rows = [...this.#games.values()]
      .filter((entry) =>
        options.status === undefined || entry.summary.status === options.status
      );
    const end = rows.length - (options.offset ?? 0);
    const start = options.limit === undefined ? 0 : end - options.limit;
    return rows.slice(Math.max(0, start), Math.max(0, end)).map((entry) => ({
      ...entry.summary,
      createdAt: entry.createdAt,
      endedAt: entry.summary.status === "ended" ? entry.updatedAt : null,
    }));
  }

  /** Removes an ended game and its seats. */
  deleteEnded(gameId: string): boolean {
    if (this.#games.get(gameId)?.summary.status !== "ended") return false;
    this.#games.delete(gameId);
    for (const [hash, seat] of this.#seats) {
      if (seat.gameId === gameId) this.#seats.delete(hash);
    }
    return true;
  }

  /** Whether the game is kept. */
  has(gameId: string): boolean {
    return this.#games.has(gameId);
  }

  /** The event log (a copy). */
  events(gameId: string): GameEvent[] {
    return [...(this.#games.get(gameId)?.events ?? [])];
  }

  /** The idempotency keys, in the order they were written. */
  outcomes(gameId: string): [string, StoredOutcome][] {
    return [...(this.#games.get(gameId)?.outcomes ?? [])];
  }

  /** The games not ended. */
  unfinished(): string[] {
    return [...this.#games]
      .filter(([, entry]) => entry.summary.status !== "ended")
      .map(([gameId]) => gameId);
  }

  /** The seat of a token hash. */
  seat(tokenHash: string): Seat | null {
    return this.#seats.get(tokenHash) ?? null;
  }

  /** Forgets everything. */
  close(): void {
    this.#games.clear();
    this.#seats.clear();
  }
}

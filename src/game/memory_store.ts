import type { GameEvent, GameSummary } from "../contract/mod.ts";
import type { Seat } from "./seat_tokens.ts";
import type {
  CommitBatch,
  GameStore,
  ListOptions,
  StoredOutcome,
} from "./store.ts";

interface Entry {
  creator: string | undefined;
  summary: GameSummary;
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
    if (entry === undefined) {
      entry = {
        creator: batch.creator,
        summary: batch.summary as GameSummary,
        events: [],
        outcomes: new Map(),
      };
      this.#games.set(batch.gameId, entry);
    }
    entry.summary = batch.summary ?? entry.summary;
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
  listGames(options: ListOptions = {}): GameSummary[] {
    const rows = [...this.#games.values()]
      .map((entry) => entry.summary)
      .filter((row) =>
        options.status === undefined || row.status === options.status
      );
    return options.limit === undefined ? rows : rows.slice(-options.limit);
  }

  /** Who created the game, or null if there is none. */
  game(gameId: string): { creator: string | undefined } | null {
    const entry = this.#games.get(gameId);
    return entry === undefined ? null : { creator: entry.creator };
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

  /** Keeps a token hash. */
  saveSeat(tokenHash: string, seat: Seat): void {
    this.#seats.set(tokenHash, { ...seat });
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

import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { GameEvent, GameRow, GameSummary } from "../contract/mod.ts";
import type {
  CommitBatch,
  GameStore,
  ListOptions,
  Seat,
  StoredOutcome,
} from "../game/mod.ts";
import { SqliteTournamentStore } from "./tournament_tables.ts";
import { migrate } from "./_schema.ts";

/** Options of {@linkcode SqliteGameStore}. */
export interface SqliteStoreOptions {
  /**
   * `full` (default): each commit is on disk before it returns, surviving a
   * power loss. `normal`: faster; survives a crash of the process (kill -9)
   * but the last commits may be lost if the machine itself goes down.
   */
  sync?: "full" | "normal";
}

type Row = Record<string, unknown>;

/**
 * The game store in an embedded SQLite database (`node:sqlite`): one file
 * (write-ahead log mode), a versioned schema migrated when opened, one
 * transaction per group commit, a row per command's events (`event_batches`,
 * a JSON array whose `seq` is its first event's). `":memory:"` keeps nothing.
 */
export class SqliteGameStore implements GameStore {
  #db: DatabaseSync;
  #sql: Record<string, StatementSync>;
  #tournaments: SqliteTournamentStore;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${
        options.sync === "normal" ? "NORMAL" : "FULL"
      }; PRAGMA busy_timeout = 5000;`,
    );
    try {
      migrate(this.#db);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#tournaments = new SqliteTournamentStore(this.#db);
    const sql = (text: string) => this.#db.prepare(text);
    this.#sql = {
      upsertGame: sql(
        `INSERT INTO games (game_id, status, summary, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (game_id) DO UPDATE SET
           status = excluded.status, summary = excluded.summary,
           updated_at = max(updated_at, excluded.updated_at)`,
      ),
      events: sql( // a command's events, a JSON array
        "INSERT INTO event_batches (game_id, seq, body) VALUES (?, ?, ?)",
      ),
      outcome: sql( // a key written again gets a new n: it is the newest
        "INSERT OR REPLACE INTO outcomes (game_id, key, body) VALUES (?, ?, ?)",
      ),
      evict: sql("DELETE FROM outcomes WHERE game_id = ? AND key = ?"),
      list: sql(
        `SELECT summary, created_at, updated_at FROM (SELECT rowid AS n, * FROM games
         WHERE ?1 IS NULL OR status = ?1 ORDER BY rowid DESC LIMIT ?2 OFFSET ?3)
         ORDER BY n`,
      ),
      deleteGame: sql(
        "DELETE FROM games WHERE game_id = ? AND status = 'ended'",
      ),
      deleteEvents: sql("DELETE FROM event_batches WHERE game_id = ?"),
      deleteOutcomes: sql("DELETE FROM outcomes WHERE game_id = ?"),
      deleteSeats: sql("DELETE FROM seats WHERE game_id = ?"),
      has: sql("SELECT 1 FROM games WHERE game_id = ?"),
      log: sql("SELECT body FROM event_batches WHERE game_id = ? ORDER BY seq"),
      outcomes: sql(
        "SELECT key, body FROM outcomes WHERE game_id = ? ORDER BY n",
      ),
      unfinished: sql(
        "SELECT game_id FROM games WHERE status != 'ended' ORDER BY rowid",
      ),
      insertSeat: sql(
        "INSERT OR REPLACE INTO seats (token_hash, game_id, player_id) VALUES (?, ?, ?)",
      ),
      seat: sql("SELECT game_id, player_id FROM seats WHERE token_hash = ?"),
    };
  }

  /** Writes the batches in one transaction. */
  commit(batches: readonly CommitBatch[]): void {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      for (const batch of batches) this.#write(batch);
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  #write(batch: CommitBatch): void {
    const { gameId, events, summary } = batch;
    const at = events.at(-1)?.at ?? 0;
    if (summary !== undefined) {
      this.#run("upsertGame", [
        gameId,
        summary.status,
        JSON.stringify(summary),
        events[0]?.at ?? 0, // created_at: kept from the first batch
        at,
      ]);
    }
    const first = events[0];
    if (first !== undefined) {
      this.#run("events", [gameId, first.seq, JSON.stringify(events)]);
    }
    if (batch.seat !== undefined) {
      const { tokenHash, playerId } = batch.seat;
      this.#run("insertSeat", [tokenHash, gameId, playerId]);
    }
    if (batch.outcome !== undefined) {
      const { key, outcome, evicts } = batch.outcome;
      if (evicts !== undefined) this.#run("evict", [gameId, evicts]);
      this.#run("outcome", [gameId, key, JSON.stringify(outcome)]);
    }
  }

  /** The rows, oldest first. */
  listGames(options: ListOptions = {}): GameRow[] {
    return this.#all("list", [
      options.status ?? null,
      options.limit ?? -1,
      options.offset ?? 0,
    ]).map((row) => {
      const summary = JSON.parse(row["summary"] as string) as GameSummary;
      return {
        ...summary,
        createdAt: row["created_at"] as number,
        endedAt: summary.status === "ended"
          ? row["updated_at"] as number
          : null,
      };
    });
  }

  /** Removes an ended game, its events, outcomes and seats, in one transaction. */
  deleteEnded(gameId: string): boolean {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const removed =
        Number(this.#sql["deleteGame"]?.run(gameId).changes ?? 0) === 1;
      if (removed) {
        for (const name of ["deleteEvents", "deleteOutcomes", "deleteSeats"]) {
          this.#run(name, [gameId]);
        }
      }
      this.#db.exec("COMMIT");
      return removed;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Whether the game has a row. */
  has(gameId: string): boolean {
    return this.#sql["has"]?.get(gameId) !== undefined;
  }

  /** The event log. */
  events(gameId: string): GameEvent[] {
    return this.#all("log", [gameId])
      .flatMap((row) => JSON.parse(row["body"] as string) as GameEvent[]);
  }

  /** The idempotency keys, in the order they were written. */
  outcomes(gameId: string): [string, StoredOutcome][] {
    return this.#all("outcomes", [gameId]).map((row) => [
      row["key"] as string,
      JSON.parse(row["body"] as string) as StoredOutcome,
    ]);
  }

  /** The games not ended. */
  unfinished(): string[] {
    return this.#all("unfinished", []).map((row) => row["game_id"] as string);
  }

  /** The seat of a token hash. */
  seat(tokenHash: string): Seat | null {
    const row = this.#sql["seat"]?.get(tokenHash) as Row | undefined;
    if (row === undefined) return null;
    return {
      gameId: row["game_id"] as string,
      playerId: row["player_id"] as string,
    };
  }

  /** The tournaments' tables, in the same database. */
  get tournaments(): SqliteTournamentStore {
    return this.#tournaments;
  }

  /** Closes the database. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #run(name: string, params: (string | number | null)[]): void {
    this.#sql[name]?.run(...params);
  }

  #all(name: string, params: (string | number | null)[]): Row[] {
    return (this.#sql[name]?.all(...params) ?? []) as Row[];
  }
}

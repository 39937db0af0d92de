/**
 * The tournaments' tables (schema version 3) in the games' database: the
 * registered tournaments, their slots and progress events. Each write is
 * one transaction.
 * @module
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { TournamentEvent, TournamentSlot } from "../contract/mod.ts";
import {
  pendingSlot,
  type StoredTournament,
  type TournamentStore,
} from "../game/mod.ts";

type Row = Record<string, unknown>;

/** The {@linkcode TournamentStore} of a SQLite database already migrated. */
export class SqliteTournamentStore implements TournamentStore {
  #db: DatabaseSync;
  #sql: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = tournamentStatements((text) => db.prepare(text));
  }

  /** Registers a tournament and its pending slots, in one transaction. */
  createTournament(t: StoredTournament): void {
    this.#transaction(() => {
      this.#run("addTournament", [
        t.tournamentId,
        t.spec.key,
        JSON.stringify(t.spec),
        t.createdAt,
      ]);
      for (let i = 0; i < t.spec.schedule.games; i++) {
        const slot = pendingSlot(i);
        this.#run("saveSlot", [
          t.tournamentId,
          i,
          slot.status,
          null,
          JSON.stringify(slot),
        ]);
      }
    });
  }

  /** The tournament of `key`, or null. */
  tournamentByKey(key: string): StoredTournament | null {
    const row = this.#sql["tournamentByKey"]?.get(key) as Row | undefined;
    return row === undefined ? null : tournamentOf(row);
  }

  /** The tournament, or null. */
  tournament(tournamentId: string): StoredTournament | null {
    const row = this.#sql["tournament"]?.get(tournamentId) as Row | undefined;
    return row === undefined ? null : tournamentOf(row);
  }

  /** Every tournament, oldest first. */
  tournaments(): StoredTournament[] {
    return this.#all("tournaments", []).map(tournamentOf);
  }

  /** Its slots, by index. */
  slots(tournamentId: string): TournamentSlot[] {
    return this.#all("slots", [tournamentId])
      .map((row) => JSON.parse(row["body"] as string) as TournamentSlot);
  }

  /** Writes a slot and its progress event in one transaction. */
  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): void {
    this.#transaction(() => {
      this.#run("saveSlot", [
        tournamentId,
        slot.index,
        slot.status,
        slot.gameId,
        JSON.stringify(slot),
      ]);
      this.#run("addTournamentEvent", [
        tournamentId,
        event.seq,
        JSON.stringify(event),
      ]);
    });
  }

  /** Its progress events after `afterSeq`. */
  tournamentEvents(tournamentId: string, afterSeq: number): TournamentEvent[] {
    return this.#all("tournamentEvents", [tournamentId, afterSeq])
      .map((row) => JSON.parse(row["body"] as string) as TournamentEvent);
  }

  #transaction(write: () => void): void {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      write();
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  #run(name: string, params: (string | number | null)[]): void {
    this.#sql[name]?.run(...params);
  }

  #all(name: string, params: (string | number | null)[]): Row[] {
    return (this.#sql[name]?.all(...params) ?? []) as Row[];
  }
}

/** The tournaments' statements (schema version 3). */
function tournamentStatements(
  sql: (text: string) => StatementSync,
): Record<string, StatementSync> {
  return {
    addTournament: sql(
      "INSERT INTO tournaments (tournament_id, key, spec, created_at) VALUES (?, ?, ?, ?)",
    ),
    tournament: sql("SELECT * FROM tournaments WHERE tournament_id = ?"),
    tournamentByKey: sql("SELECT * FROM tournaments WHERE key = ?"),
    tournaments: sql("SELECT * FROM tournaments ORDER BY rowid"),
    saveSlot: sql(
      `INSERT OR REPLACE INTO tournament_games (tournament_id, idx, status, game_id, body)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    slots: sql(
      "SELECT body FROM tournament_games WHERE tournament_id = ? ORDER BY idx",
    ),
    addTournamentEvent: sql(
      "INSERT INTO tournament_events (tournament_id, seq, body) VALUES (?, ?, ?)",
    ),
    tournamentEvents: sql(
      "SELECT body FROM tournament_events WHERE tournament_id = ? AND seq > ? ORDER BY seq",
    ),
  };
}

/** A `tournaments` row as the service takes it. */
function tournamentOf(row: Row): StoredTournament {
  return {
    tournamentId: row["tournament_id"] as string,
    spec: JSON.parse(row["spec"] as string),
    createdAt: row["created_at"] as number,
  };
}

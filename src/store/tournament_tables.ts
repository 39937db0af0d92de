/**
 * The tournaments' tables (since schema version 4) in the games' database: the
 * registered tournaments, their slots and progress events. Each write is
 * one transaction.
 * @module
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { TournamentEvent, TournamentSlot } from "../contract/mod.ts";
import {
  pendingSlot,
  type StoredTournament,
  TournamentSeqTaken,
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

  /**
   * Registers a tournament and its pending slots, in one transaction,
   * unless its key is taken: answers the tournament of the key.
   */
  createTournament(t: StoredTournament): Promise<StoredTournament> {
    return this.#transaction(() => {
      const known = this.#byKey(t.spec.key);
      if (known !== null) return known;
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
      return t;
    });
  }

  /** The tournament of `key`, or null. */
  tournamentByKey(key: string): Promise<StoredTournament | null> {
    return Promise.resolve(this.#byKey(key));
  }

  /** The tournament, or null. */
  tournament(tournamentId: string): Promise<StoredTournament | null> {
    const row = this.#sql["tournament"]?.get(tournamentId) as Row | undefined;
    return Promise.resolve(row === undefined ? null : tournamentOf(row));
  }

  /** Every tournament, oldest first. */
  tournaments(): Promise<StoredTournament[]> {
    return Promise.resolve(this.#all("tournaments", []).map(tournamentOf));
  }

  /** Its slots, by index. */
  slots(tournamentId: string): Promise<TournamentSlot[]> {
    return Promise.resolve(
      this.#all("slots", [tournamentId])
        .map((row) => JSON.parse(row["body"] as string) as TournamentSlot),
    );
  }

  /**
   * Writes a slot and its progress event in one transaction (nothing, and
   * a {@linkcode TournamentSeqTaken}, when the event's seq is taken).
   */
  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): Promise<void> {
    return this.#transaction(() => {
      const last = this.#sql["lastSeq"]?.get(tournamentId) as Row | undefined;
      if (Number(last?.["seq"] ?? 0) >= event.seq) {
        throw new TournamentSeqTaken(tournamentId, event.seq);
      }
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
  tournamentEvents(
    tournamentId: string,
    afterSeq: number,
  ): Promise<TournamentEvent[]> {
    return Promise.resolve(
      this.#all("tournamentEvents", [tournamentId, afterSeq])
        .map((row) => JSON.parse(row["body"] as string) as TournamentEvent),
    );
  }

  #byKey(key: string): StoredTournament | null {
    const row = this.#sql["tournamentByKey"]?.get(key) as Row | undefined;
    return row === undefined ? null : tournamentOf(row);
  }

  /** Runs `write` in one transaction: its answer, or its error (rejected). */
  #transaction<T>(write: () => T): Promise<T> {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const answer = write();
      this.#db.exec("COMMIT");
      return Promise.resolve(answer);
    } catch (error) {
      this.#db.exec("ROLLBACK");
      return Promise.reject(error);
    }
  }

  #run(name: string, params: (string | number | null)[]): void {
    this.#sql[name]?.run(...params);
  }

  #all(name: string, params: (string | number | null)[]): Row[] {
    return (this.#sql[name]?.all(...params) ?? []) as Row[];
  }
}

/** The tournaments' statements (since schema version 4). */
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
    lastSeq: sql(
      "SELECT MAX(seq) AS seq FROM tournament_events WHERE tournament_id = ?",
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

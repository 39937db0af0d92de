import type { DatabaseSync } from "node:sqlite";

/**
 * The schema's migrations, in order: migration `i` takes a database from
 * `user_version` i to i + 1. Append new ones; never edit a released one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE games (
     game_id TEXT PRIMARY KEY,
     creator TEXT,
     status TEXT NOT NULL,
     summary TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX games_by_status ON games (status);
   CREATE TABLE events (
     game_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (game_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE outcomes (
     game_id TEXT NOT NULL,
     key TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (game_id, key)
   ) WITHOUT ROWID;
   CREATE TABLE seats (
     token_hash TEXT PRIMARY KEY,
     game_id TEXT NOT NULL,
     player_id TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // 2: idempotency keys in the order they were written (`n`), so a restart
  // keeps the newest of each seat; the keys of version 1 come first, in the
  // order of their events (refusals, whose order was not kept, by key).
  `CREATE TABLE outcomes_v2 (
     n INTEGER PRIMARY KEY,
     game_id TEXT NOT NULL,
     key TEXT NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (game_id, key)
   );
   INSERT INTO outcomes_v2 (game_id, key, body)
     SELECT game_id, key, body FROM outcomes
     ORDER BY game_id, coalesce(json_extract(body, '$.seq'), 0), key;
   DROP TABLE outcomes;
   ALTER TABLE outcomes_v2 RENAME TO outcomes;
   CREATE INDEX outcomes_in_order ON outcomes (game_id, n);`,
  // 3: the games' creator (a client id, which grants nothing) is not kept
  `ALTER TABLE games DROP COLUMN creator;`,
  // 4: tournaments: what the runner registered (by its unique key), each
  // scheduled game's slot (the game that counts, its attempts, its state),
  // and the progress events, numbered per tournament.
  `CREATE TABLE tournaments (
     tournament_id TEXT PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     spec TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE tournament_games (
     tournament_id TEXT NOT NULL,
     idx INTEGER NOT NULL,
     status TEXT NOT NULL,
     game_id TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (tournament_id, idx)
   ) WITHOUT ROWID;
   CREATE TABLE tournament_events (
     tournament_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (tournament_id, seq)
   ) WITHOUT ROWID;`,
  // 5: a command's events in one row (a JSON array, `seq` its first event's),
  // appended in write order: a row per event in a table keyed by (game_id,
  // seq) rewrote a page of each game's part of the tree at every commit.
  // The keys' second index goes too: only a restart reads them in order.
  `CREATE TABLE event_batches (
     n INTEGER PRIMARY KEY,
     game_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (game_id, seq)
   );
   INSERT INTO event_batches (game_id, seq, body)
     SELECT game_id, seq, '[' || body || ']' FROM events ORDER BY game_id, seq;
   DROP TABLE events;
   DROP INDEX outcomes_in_order;`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION: number = MIGRATIONS.length;

/** The database's schema version is newer than this server knows. */
export class SchemaError extends Error {
  override name = "SchemaError";
}

/**
 * Brings the database's schema up to {@linkcode SCHEMA_VERSION}, each
 * migration in its own transaction. Returns the version it found. Throws a
 * {@linkcode SchemaError} for a database written by a newer server.
 */
export function migrate(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get() as
    | { user_version: number }
    | undefined;
  const found = row?.user_version ?? 0;
  if (found > SCHEMA_VERSION) {
    throw new SchemaError(
      `The database has schema version ${found}, but this server knows only up to ${SCHEMA_VERSION}: run a newer server, or point DATA_DIR elsewhere.`,
    );
  }
  for (let version = found; version < SCHEMA_VERSION; version++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
  return found;
}

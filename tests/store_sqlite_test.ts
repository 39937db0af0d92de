/**
 * SqliteGameStore's file: kept across a reopen, its schema migrated (from
 * version 1 too), and one written by a newer server refused.
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  SchemaError,
  SqliteGameStore,
} from "../src/store/mod.ts";
import { joined, summary } from "./_store_helpers.ts";

Deno.test("SqliteGameStore keeps everything across a reopen of the same file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-store-" });
  try {
    const path = `${dir}/games.db`;
    const first = new SqliteGameStore(path);
    first.commit([{
      gameId: "g-a",
      events: [joined(1)],
      summary: summary("g-a", "running"),
      seat: { tokenHash: "hash", playerId: "p1" },
      outcome: { key: "p1/a", outcome: { ok: true, seq: 1, count: 1 } },
    }]);
    first.close();
    const second = new SqliteGameStore(path, { sync: "normal" });
    assert.deepEqual(second.events("g-a"), [joined(1)]);
    assert.equal(second.has("g-a"), true);
    assert.deepEqual(second.outcomes("g-a"), [[
      "p1/a",
      { ok: true, seq: 1, count: 1 },
    ]]);
    assert.deepEqual(second.seat("hash"), { gameId: "g-a", playerId: "p1" });
    assert.deepEqual(second.unfinished(), ["g-a"]);
    second.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SqliteGameStore migrates a new database and refuses one written by a newer server", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-schema-" });
  try {
    const path = `${dir}/games.db`;
    new SqliteGameStore(path).close();
    const db = new DatabaseSync(path);
    const version = db.prepare("PRAGMA user_version").get() as {
      user_version: number;
    };
    assert.equal(version.user_version, SCHEMA_VERSION);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(
      () => new SqliteGameStore(path),
      (error: unknown) =>
        error instanceof SchemaError &&
        error.message.includes(`schema version ${SCHEMA_VERSION + 1}`) &&
        error.message.includes("DATA_DIR"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SqliteGameStore migrates a version 1 database: its keys are kept, accepted ones in the order of their events, new keys come after, and its games lose only the creator column", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-schema-v1-" });
  try {
    const path = `${dir}/games.db`;
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE games (
       game_id TEXT PRIMARY KEY, creator TEXT, status TEXT NOT NULL,
       summary TEXT NOT NULL, created_at INTEGER NOT NULL,
       updated_at INTEGER NOT NULL);
     CREATE INDEX games_by_status ON games (status);
     CREATE TABLE events (game_id TEXT NOT NULL, seq INTEGER NOT NULL,
       body TEXT NOT NULL, PRIMARY KEY (game_id, seq)) WITHOUT ROWID;
     CREATE TABLE outcomes (game_id TEXT NOT NULL, key TEXT NOT NULL,
       body TEXT NOT NULL, PRIMARY KEY (game_id, key)) WITHOUT ROWID;
     CREATE TABLE seats (token_hash TEXT PRIMARY KEY, game_id TEXT NOT NULL,
       player_id TEXT NOT NULL) WITHOUT ROWID;
     PRAGMA user_version = 1;`); // what version 1 wrote
    const insert = db.prepare("INSERT INTO outcomes VALUES (?, ?, ?)");
    const ok = (seq: number) => JSON.stringify({ ok: true, seq, count: 1 });
    insert.run("g-a", "p1/a", ok(9));
    insert.run("g-a", "p1/b", ok(2));
    insert.run("g-a", "p2/x", ok(5));
    insert.run("g-b", "p1/a", ok(1));
    db.prepare("INSERT INTO games VALUES (?, ?, ?, ?, ?, ?)").run(
      "g-old",
      "ui-1",
      "ended",
      JSON.stringify(summary("g-old", "ended")),
      5,
      7,
    );
    db.close();
    const store = new SqliteGameStore(path);
    // version 3 dropped the creator column; the row is kept
    assert.equal(await store.has("g-old"), true);
    assert.deepEqual((await store.listGames()).map((row) => row.gameId), [
      "g-old",
    ]);
    assert.deepEqual((await store.outcomes("g-a")).map(([key]) => key), [
      "p1/b",
      "p2/x",
      "p1/a",
    ]);
    assert.deepEqual(await store.outcomes("g-b"), [["p1/a", {
      ok: true,
      seq: 1,
      count: 1,
    }]]);
    await store.commit([{
      gameId: "g-a",
      events: [joined(1)],
      summary: summary("g-a", "running"),
      outcome: { key: "p1/0", outcome: { ok: true, seq: 1, count: 1 } },
    }]);
    assert.equal((await store.outcomes("g-a")).at(-1)?.[0], "p1/0");
    await store.close();
    const reopened = new DatabaseSync(path);
    const version = reopened.prepare("PRAGMA user_version").get() as {
      user_version: number;
    };
    reopened.close();
    assert.equal(version.user_version, SCHEMA_VERSION);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SqliteGameStore migrates a version 4 database (a row per event): each game's log is kept in order, and later commits follow it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-schema-v4-" });
  try {
    const path = `${dir}/games.db`;
    const db = new DatabaseSync(path);
    for (const migration of MIGRATIONS.slice(0, 4)) db.exec(migration);
    db.exec("PRAGMA user_version = 4");
    const insert = db.prepare("INSERT INTO events VALUES (?, ?, ?)");
    // written out of order across games, as group commits interleave them
    for (
      const [gameId, seq] of [["g-b", 1], ["g-a", 2], ["g-a", 1], [
        "g-b",
        2,
      ]] as const
    ) {
      insert.run(gameId, seq, JSON.stringify(joined(seq)));
    }
    db.close();
    const store = new SqliteGameStore(path);
    assert.deepEqual(store.events("g-a"), [joined(1), joined(2)]);
    assert.deepEqual(store.events("g-b"), [joined(1), joined(2)]);
    store.commit([{ gameId: "g-a", events: [joined(3), joined(4)] }]);
    assert.deepEqual(store.events("g-a").map((event) => event.seq), [
      1,
      2,
      3,
      4,
    ]);
    assert.equal(store.deleteEnded("g-b"), false); // no games row: not ended
    store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { GameEvent, GameSummary } from "../src/contract/mod.ts";
import {
  type CommitBatch,
  CommitQueue,
  type GameStore,
  MemoryGameStore,
  nextTurn,
} from "../src/game/mod.ts";
import {
  SCHEMA_VERSION,
  SchemaError,
  SqliteGameStore,
} from "../src/store/mod.ts";
import { REDIS_AVAILABLE, redisStore } from "./_redis.ts";

function summary(gameId: string, status: GameSummary["status"]): GameSummary {
  return {
    gameId,
    name: gameId,
    status,
    players: 5,
    joined: 0,
    day: 0,
    phase: status === "ended" ? "ended" : "lobby",
    winner: status === "ended" ? "village" : null,
  };
}

function joined(seq: number): GameEvent {
  return {
    type: "player_joined",
    seq,
    at: 1000 + seq,
    player_id: `p${seq}`,
    name: `P${seq}`,
  } as unknown as GameEvent;
}

/** Every store; the Redis one only where redis-server runs (see `_redis.ts`). */
const STORES: [string, () => GameStore | Promise<GameStore>][] = [
  ["MemoryGameStore", () => new MemoryGameStore()],
  ["SqliteGameStore", () => new SqliteGameStore(":memory:")],
  ...(REDIS_AVAILABLE
    ? [
      ["RedisGameStore", () => redisStore()] as [
        string,
        () => Promise<GameStore>,
      ],
    ]
    : []),
];

for (const [name, make] of STORES) {
  Deno.test(`${name}.commit() keeps events, the game's row and keyed outcomes`, async () => {
    const store = await make();
    await store.commit([{
      gameId: "g-a",
      events: [joined(1), joined(2)],
      summary: summary("g-a", "waiting"),
      outcome: { key: "p1/x", outcome: { ok: true, seq: 2, count: 2 } },
    }]);
    await store.commit([{
      gameId: "g-a",
      events: [],
      summary: summary("g-a", "waiting"),
      outcome: {
        key: "p1/y",
        outcome: { ok: false, code: "FORBIDDEN", message: "no" },
      },
    }]);
    assert.deepEqual((await store.events("g-a")).map((e) => e.seq), [1, 2]);
    assert.equal(await store.has("g-a"), true);
    assert.equal(await store.has("g-none"), false);
    assert.deepEqual(
      new Map(await store.outcomes("g-a")),
      new Map([
        ["p1/x", { ok: true, seq: 2, count: 2 }],
        ["p1/y", { ok: false, code: "FORBIDDEN", message: "no" }],
      ]),
    );
    await store.close();
  });

  Deno.test(`${name}.listGames() filters by status and gives the newest \`limit\`, oldest first`, async () => {
    const store = await make();
    const statuses = ["waiting", "running", "ended", "ended", "running"];
    for (const [i, status] of statuses.entries()) {
      await store.commit([{
        gameId: `g-${i}`,
        events: [joined(1)],
        summary: summary(`g-${i}`, status as GameSummary["status"]),
      }]);
    }
    const ids = (rows: GameSummary[]) => rows.map((row) => row.gameId);
    assert.deepEqual(ids(await store.listGames()), [
      "g-0",
      "g-1",
      "g-2",
      "g-3",
      "g-4",
    ]);
    assert.deepEqual(ids(await store.listGames({ status: "ended" })), [
      "g-2",
      "g-3",
    ]);
    assert.deepEqual(ids(await store.listGames({ limit: 2 })), ["g-3", "g-4"]);
    assert.deepEqual(
      ids(await store.listGames({ status: "running", limit: 1 })),
      ["g-4"],
    );
    assert.deepEqual(await store.unfinished(), ["g-0", "g-1", "g-4"]);
    // a later commit updates the row in place
    await store.commit([{
      gameId: "g-0",
      events: [joined(2)],
      summary: summary("g-0", "ended"),
    }]);
    assert.deepEqual(await store.unfinished(), ["g-1", "g-4"]);
    assert.equal((await store.listGames())[0]?.status, "ended");
    await store.close();
  });

  Deno.test(`${name}.listGames() pages with \`offset\` (newest skipped first) and gives each row's creation and end times`, async () => {
    const store = await make();
    for (let i = 0; i < 7; i++) {
      await store.commit([{
        gameId: `g-${i}`,
        events: [joined(1 + i), joined(2 + i)], // at 1001 + i, 1002 + i
        summary: summary(`g-${i}`, i % 2 === 0 ? "ended" : "running"),
      }]);
    }
    const ids = (rows: GameSummary[]) => rows.map((row) => row.gameId);
    assert.deepEqual(ids(await store.listGames({ limit: 3 })), [
      "g-4",
      "g-5",
      "g-6",
    ]);
    assert.deepEqual(ids(await store.listGames({ limit: 3, offset: 3 })), [
      "g-1",
      "g-2",
      "g-3",
    ]);
    assert.deepEqual(ids(await store.listGames({ limit: 3, offset: 6 })), [
      "g-0",
    ]);
    assert.deepEqual(ids(await store.listGames({ limit: 3, offset: 7 })), []);
    assert.deepEqual(ids(await store.listGames({ offset: 5 })), ["g-0", "g-1"]);
    assert.deepEqual(
      ids(await store.listGames({ status: "ended", limit: 2, offset: 1 })),
      ["g-2", "g-4"],
    );
    // the pages of a walk cover every game once
    const walked: string[] = [];
    for (let offset = 0;; offset += 2) {
      const page = await store.listGames({ limit: 2, offset });
      walked.unshift(...ids(page));
      if (page.length < 2) break;
    }
    assert.deepEqual(walked, ids(await store.listGames()));
    const [first] = await store.listGames({ limit: 1, offset: 6 });
    assert.equal(first?.createdAt, 1001);
    assert.equal(first?.endedAt, 1002); // ended by its first batch
    const [running] = await store.listGames({ status: "running", limit: 1 });
    assert.equal(running?.createdAt, 1006);
    assert.equal(running?.endedAt, null);
    await store.commit([{
      gameId: "g-5",
      events: [joined(30)],
      summary: summary("g-5", "ended"),
    }]);
    const [ended] = await store.listGames({ limit: 1, offset: 1 });
    assert.deepEqual([ended?.gameId, ended?.createdAt, ended?.endedAt], [
      "g-5",
      1006,
      1030,
    ]);
    await store.close();
  });

  Deno.test(`${name}.deleteEnded() removes an ended game (row, events, outcomes, seats) and nothing else, and refuses a game not ended`, async () => {
    const store = await make();
    for (const [gameId, status] of [["g-a", "ended"], ["g-b", "running"]]) {
      await store.commit([{
        gameId: gameId!,
        events: [joined(1)],
        summary: summary(gameId!, status as GameSummary["status"]),
        seat: { tokenHash: `hash-${gameId}`, playerId: "p1" },
        outcome: { key: "p1/x", outcome: { ok: true, seq: 1, count: 1 } },
      }]);
    }
    assert.equal(await store.deleteEnded("g-b"), false, "running: refused");
    assert.equal(await store.deleteEnded("g-none"), false, "unknown");
    assert.equal(await store.deleteEnded("g-a"), true);
    assert.equal(await store.deleteEnded("g-a"), false, "already gone");
    assert.equal(await store.has("g-a"), false);
    assert.deepEqual(await store.events("g-a"), []);
    assert.deepEqual(await store.outcomes("g-a"), []);
    assert.equal(await store.seat("hash-g-a"), null);
    assert.deepEqual((await store.listGames()).map((row) => row.gameId), [
      "g-b",
    ]);
    assert.equal(await store.has("g-b"), true);
    assert.equal((await store.events("g-b")).length, 1);
    assert.equal((await store.outcomes("g-b")).length, 1);
    assert.deepEqual(await store.seat("hash-g-b"), {
      gameId: "g-b",
      playerId: "p1",
    });
    await store.close();
  });

  Deno.test(`${name}.outcomes() gives keys in write order (a key written again is the newest) and forgets the key a batch evicts`, async () => {
    const store = await make();
    const refused = { ok: false, code: "BAD_REQUEST", message: "no" } as const;
    const write = async (key: string, evicts?: string) =>
      await store.commit([{
        gameId: "g-a",
        events: [],
        summary: summary("g-a", "running"),
        outcome: { key, outcome: refused, evicts },
      }]);
    for (const key of ["p2/z", "p1/b", "p1/a", "p10/a"]) await write(key);
    await write("p2/z"); // evicted earlier from the room, then sent again
    await write("p1/c", "p1/b");
    assert.deepEqual((await store.outcomes("g-a")).map(([key]) => key), [
      "p1/a",
      "p10/a",
      "p2/z",
      "p1/c",
    ]);
    await store.close();
  });

  Deno.test(`${name}.commit() with a seat and seat() map a token hash to its seat`, async () => {
    const store = await make();
    await store.commit([{
      gameId: "g-a",
      events: [joined(1)],
      summary: summary("g-a", "waiting"),
      seat: { tokenHash: "ab12", playerId: "p3" },
    }]);
    assert.deepEqual(await store.seat("ab12"), {
      gameId: "g-a",
      playerId: "p3",
    });
    assert.equal(await store.seat("ab13"), null);
    await store.close();
  });
}

for (
  const [name, make] of STORES.filter(([name]) => name !== "MemoryGameStore")
) {
  Deno.test(`${name}.commit() is atomic: a batch that fails leaves nothing behind`, async () => {
    const store = await make();
    await store.commit([{
      gameId: "g-a",
      events: [joined(1)],
      summary: summary("g-a", "waiting"),
    }]);
    await assert.rejects(async () =>
      await store.commit([{
        gameId: "g-a",
        events: [joined(2), joined(1)], // seq 1 again: refused
        summary: summary("g-a", "ended"),
        outcome: { key: "k", outcome: { ok: true, seq: 2, count: 2 } },
      }])
    );
    assert.deepEqual((await store.events("g-a")).map((e) => e.seq), [1]);
    assert.equal((await store.listGames())[0]?.status, "waiting");
    assert.deepEqual(await store.outcomes("g-a"), []);
    // and the store still works
    await store.commit([{
      gameId: "g-a",
      events: [joined(2)],
      summary: summary("g-a", "running"),
    }]);
    assert.deepEqual((await store.events("g-a")).map((e) => e.seq), [1, 2]);
    await store.close();
  });
}

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

Deno.test("CommitQueue groups the batches of many games into one commit, and a bad batch fails only its own", async () => {
  const store = new SqliteGameStore(":memory:");
  const calls: number[] = [];
  const counting: GameStore = Object.assign(Object.create(store), {
    commit: (batches: readonly CommitBatch[]) => {
      calls.push(batches.length);
      store.commit(batches);
    },
  });
  let flush: (() => void) | null = null;
  const queue = new CommitQueue(counting, { schedule: (fn) => (flush = fn) });
  const done = ["g-a", "g-b", "g-c"].map((gameId) =>
    queue.commit({
      gameId,
      events: [joined(1)],
      summary: summary(gameId, "waiting"),
    })
  );
  assert.deepEqual(calls, [], "nothing is written before the flush");
  (flush as unknown as () => void)();
  await Promise.all(done);
  assert.deepEqual(calls, [3], "one transaction for three games");
  assert.equal((await store.listGames()).length, 3);

  const good = queue.commit({
    gameId: "g-a",
    events: [joined(2)],
    summary: summary("g-a", "running"),
  });
  const bad = queue.commit({
    gameId: "g-b",
    events: [joined(1)], // seq 1 again: refused by the store
  });
  (flush as unknown as () => void)();
  await good;
  await assert.rejects(bad);
  assert.deepEqual((await store.events("g-a")).map((e) => e.seq), [1, 2]);
  assert.deepEqual((await store.events("g-b")).map((e) => e.seq), [1]);
  await store.close();
});

Deno.test("nextTurn groups batches submitted after the first one's task went on (awaits in between), where queueMicrotask commits each alone", async () => {
  const commits = async (schedule: (flush: () => void) => void) => {
    const store = new SqliteGameStore(":memory:");
    const calls: number[] = [];
    const counting: GameStore = Object.assign(Object.create(store), {
      commit: (batches: readonly CommitBatch[]) => {
        calls.push(batches.length);
        store.commit(batches);
      },
    });
    const queue = new CommitQueue(counting, { schedule });
    const first = queue.commit({
      gameId: "g-a",
      events: [joined(1)],
      summary: summary("g-a", "waiting"),
    });
    await null; // a command decided after an await: a later microtask
    await null;
    const second = queue.commit({
      gameId: "g-b",
      events: [joined(1)],
      summary: summary("g-b", "waiting"),
    });
    await Promise.all([first, second]);
    assert.equal((await store.listGames()).length, 2);
    store.close();
    return calls;
  };
  assert.deepEqual(await commits(queueMicrotask), [1, 1]);
  assert.deepEqual(await commits(nextTurn), [2], "one transaction for both");
});

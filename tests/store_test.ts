/**
 * Every game store (memory, SQLite, Redis where redis-server runs): what a
 * commit keeps (events, the game's row, keyed outcomes, seats), the order
 * of the outcomes, and, for the durable stores, that a failed batch leaves
 * nothing behind. The listing and deletion are in `store_list_test.ts`,
 * SQLite's file and migrations in `store_sqlite_test.ts`, the commit queue
 * in `store_commit_queue_test.ts`.
 * @module
 */
import assert from "node:assert/strict";
import { joined, STORES, summary } from "./_store_helpers.ts";

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
        events: [joined(1), joined(2)], // seq 1 again: refused
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

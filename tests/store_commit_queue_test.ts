/**
 * The CommitQueue on SqliteGameStore: the batches of many games grouped
 * into one commit, a bad batch failing only its own, and `nextTurn`'s
 * grouping against `queueMicrotask`'s.
 * @module
 */
import assert from "node:assert/strict";
import {
  type CommitBatch,
  CommitQueue,
  type GameStore,
  nextTurn,
} from "../src/game/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { joined, summary } from "./_store_helpers.ts";

/** A SQLite store in memory, and a view of it that counts each commit's batches. */
function countingStore(): {
  store: SqliteGameStore;
  counting: GameStore;
  calls: number[];
} {
  const store = new SqliteGameStore(":memory:");
  const calls: number[] = [];
  const counting: GameStore = Object.assign(Object.create(store), {
    commit: (batches: readonly CommitBatch[]) => {
      calls.push(batches.length);
      store.commit(batches);
    },
  });
  return { store, counting, calls };
}

Deno.test("CommitQueue groups the batches of many games into one commit, and a bad batch fails only its own", async () => {
  const { store, counting, calls } = countingStore();
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
    const { store, counting, calls } = countingStore();
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

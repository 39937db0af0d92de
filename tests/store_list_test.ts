/**
 * Every game store's listing (`listGames()` by status, `limit` and
 * `offset`, with each row's times; `unfinished()`) and `deleteEnded()`.
 * @module
 */
import assert from "node:assert/strict";
import type { GameSummary } from "../src/contract/mod.ts";
import { joined, STORES, summary } from "./_store_helpers.ts";

for (const [name, make] of STORES) {
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
}

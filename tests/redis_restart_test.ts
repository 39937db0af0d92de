import assert from "node:assert/strict";
import type { GameSummary } from "../src/contract/mod.ts";
import { RedisGameStore } from "../src/redis/mod.ts";
import { startTestServer } from "./_helpers.ts";
import { freePort } from "./_main_process.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";
import { joined, summary } from "./_store_helpers.ts";

/** A running game's row, at its first night. */
function row(gameId: string): GameSummary {
  return { ...summary(gameId, "running"), day: 1, phase: "night" };
}

/** Retries `read` until Redis answers again (at most 100 tries, 100 ms apart). */
async function once<T>(read: () => Promise<T>): Promise<T> {
  for (let i = 0;; i++) {
    try {
      return await read();
    } catch (error) {
      if (i >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

Deno.test({
  name:
    "RedisGameStore: while Redis is down a commit is refused with an error naming Redis; after Redis restarts (AOF, appendfsync always) every acknowledged batch is there and writing goes on",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    const store = await RedisGameStore.connect({
      url: redis.url,
      instanceId: "a",
    });
    try {
      await store.commit([{
        gameId: "g-1",
        events: [joined(1), joined(2)],
        summary: row("g-1"),
        seat: { tokenHash: "hash-1", playerId: "p1" },
        outcome: { key: "p1/a", outcome: { ok: true, seq: 2, count: 2 } },
      }]);
      await redis.stop();
      await assert.rejects(
        () => store.commit([{ gameId: "g-1", events: [joined(3)] }]),
        (error: unknown) =>
          error instanceof Error &&
          /^Redis \(commit\) failed: /.test(error.message),
      );
      await redis.restart();
      const events = await once(() => store.events("g-1"));
      assert.deepEqual(
        events.map((e) => e.seq),
        [1, 2],
        "nothing acknowledged lost, nothing refused written",
      );
      assert.deepEqual(await store.seat("hash-1"), {
        gameId: "g-1",
        playerId: "p1",
      });
      assert.deepEqual(await store.outcomes("g-1"), [["p1/a", {
        ok: true,
        seq: 2,
        count: 2,
      }]]);
      assert.deepEqual(await store.unfinished(), ["g-1"]);
      await store.commit([{ gameId: "g-1", events: [joined(3)] }]);
      assert.deepEqual((await store.events("g-1")).map((e) => e.seq), [
        1,
        2,
        3,
      ]);
    } finally {
      await store.close();
    }
  },
});

Deno.test("startServer() with a REDIS_URL nothing answers rejects naming Redis, the password hidden, and leaves nothing open", async () => {
  const port = freePort(); // nothing listens there
  await assert.rejects(
    () => startTestServer({ redisUrl: `redis://lg:s3cret@127.0.0.1:${port}` }),
    (error: unknown) =>
      error instanceof Error &&
      error.message.startsWith(
        `Cannot reach Redis at redis://lg:***@127.0.0.1:${port} (REDIS_URL): `,
      ) && !error.message.includes("s3cret"),
  );
});

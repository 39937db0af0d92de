import assert from "node:assert/strict";
import { createClient } from "redis";
import type { GameSummary } from "../src/contract/mod.ts";
import { GameError, GameService } from "../src/game/mod.ts";
import { LeaseLostError, RedisGameStore } from "../src/redis/mod.ts";
import { FakeClock } from "./_fake_clock.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";
import { joined, summary } from "./_store_helpers.ts";

const PREFIX = "t:";

/** A waiting game's row. */
function row(gameId: string): GameSummary {
  return summary(gameId, "waiting");
}

/** Makes a lease vanish as its expiry would (no waiting on a clock). */
async function expireLease(url: string, gameId: string): Promise<void> {
  const raw = createClient({ url });
  await raw.connect();
  try {
    await raw.del(`${PREFIX}game:{${gameId}}:lease`);
  } finally {
    await raw.close();
  }
}

/** Two stores of two instances on one Redis; a lease long enough not to be renewed during the test. */
async function twoStores(url: string) {
  const options = { url, prefix: PREFIX, leaseMs: 60_000 };
  const a = await RedisGameStore.connect({ ...options, instanceId: "a" });
  const b = await RedisGameStore.connect({ ...options, instanceId: "b" });
  return {
    a,
    b,
    [Symbol.asyncDispose]: async () => {
      await a.close();
      await b.close();
    },
  };
}

Deno.test({
  name:
    "RedisGameStore: a game's lease is its first writer's; another instance's write is refused with LeaseLostError naming the holder",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    await using stores = await twoStores(redis.url);
    const { a, b } = stores;
    await a.commit([{
      gameId: "g-1",
      events: [joined(1)],
      summary: row("g-1"),
    }]);
    await assert.rejects(
      () => b.commit([{ gameId: "g-1", events: [joined(2)] }]),
      (error: unknown) =>
        error instanceof LeaseLostError && error.gameId === "g-1" &&
        /lease is a\/1's/.test(error.message),
    );
    await a.commit([{ gameId: "g-1", events: [joined(2)] }]);
    assert.deepEqual((await b.events("g-1")).map((e) => e.seq), [1, 2]);
  },
});

Deno.test({
  name:
    "RedisGameStore: once the first owner's lease expired and a second instance claimed the game, the first's append is refused (fencing) and nothing of it is written",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    await using stores = await twoStores(redis.url);
    const { a, b } = stores;
    await a.commit([{
      gameId: "g-1",
      events: [joined(1)],
      summary: row("g-1"),
    }]);
    await expireLease(redis.url, "g-1"); // a is paused past its lease
    await b.commit([{ gameId: "g-1", events: [joined(2)] }]); // b claims: token 2
    await assert.rejects(
      () => a.commit([{ gameId: "g-1", events: [joined(3)] }]),
      (error: unknown) =>
        error instanceof LeaseLostError &&
        /does not own the game \(the fencing token is now 2\)/
          .test(error.message),
    );
    // a stays fenced off: it never claims that game again by itself
    await assert.rejects(
      () => a.commit([{ gameId: "g-1", events: [joined(3)] }]),
      LeaseLostError,
    );
    assert.deepEqual((await a.events("g-1")).map((e) => e.seq), [1, 2]);
  },
});

Deno.test({
  name:
    "GameService on Redis: after another instance took the game over, the stale room's command is refused, not acknowledged and not applied",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    await using stores = await twoStores(redis.url);
    const { a, b } = stores;
    const failures: unknown[] = [];
    const clock = new FakeClock();
    const first = new GameService({
      clock,
      store: a,
      onCommitFailure: (_gameId, error) => failures.push(error),
    });
    try {
      const { gameId } = await first.create({ players: 5 });
      await first.join(gameId, "Ann");
      await expireLease(redis.url, gameId);
      const second = new GameService({ clock, store: b });
      assert.equal(await second.resume(), 1);
      const taken = second.room(gameId);
      await second.join(gameId, "Bob"); // b claims the game and writes
      const room = first.room(gameId);
      const before = room.log.length;
      await assert.rejects(
        () => first.join(gameId, "Cid"),
        (error: unknown) =>
          error instanceof GameError && error.code === "INTERNAL_SERVER_ERROR",
      );
      assert.equal(room.log.length, before, "the stale room applied nothing");
      assert.ok(failures.some((error) => error instanceof LeaseLostError));
      const names = (await b.events(gameId))
        .flatMap((e) => e.type === "player_joined" ? [e.name] : []);
      assert.deepEqual(names, ["Ann", "Bob"]);
      assert.equal(taken.state.players.length, 2);
      second.close();
    } finally {
      first.close();
    }
  },
});

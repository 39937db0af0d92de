import assert from "node:assert/strict";
import { GameError, GameService } from "../src/game/mod.ts";
import { RedisGameStore } from "../src/redis/mod.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";

/** A store, its cluster and a game service on it, as one instance. */
async function instance(url: string, instanceId: string, leaseMs = 60_000) {
  const store = await RedisGameStore.connect({ url, instanceId, leaseMs });
  const cluster = await store.cluster({ forwardWaitMs: 300 });
  const games = new GameService({ store, cluster });
  return {
    games,
    cluster,
    [Symbol.asyncDispose]: async () => {
      games.close();
      await store.close();
    },
  };
}

Deno.test({
  name:
    "GameService with RedisCluster: a join reaching a non-owner is forwarded and answered with the owner's seat or its refusal; with the owner silent it fails with TIMEOUT naming the owner",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    await using a = await instance(redis.url, "a");
    await using b = await instance(redis.url, "b");
    const { gameId } = await a.games.create({ players: 5, seed: 1 });
    const follower = await b.games.open(gameId);
    assert.equal(follower.following, true);
    const seat = await b.games.join(gameId, "Bea", { seat: 2 });
    assert.equal(seat.playerId, "p2");
    // the owner's room has the seat, the follower folded it
    assert.equal((await a.games.open(gameId)).state.players.length, 1);
    assert.equal(follower.state.players.length, 1);
    assert.deepEqual(await b.games.seatOf(seat.seatToken), {
      gameId,
      playerId: "p2",
    });
    // the owner's refusal, code and sentence alike
    const refused = await b.games.join(gameId, "Bob", { seat: 2 }).catch((
      error,
    ) => error);
    const direct = await a.games.join(gameId, "Bob", { seat: 2 }).catch((
      error,
    ) => error);
    assert.ok(refused instanceof GameError);
    assert.deepEqual([refused.code, refused.message], [
      direct.code,
      direct.message,
    ]);
    // the owner stops reading its inbox (its lease still held)
    await a.cluster.stop();
    await assert.rejects(
      () => b.games.join(gameId, "Cid"),
      (error: unknown) =>
        error instanceof GameError && error.code === "TIMEOUT" &&
        /its owner, instance a, did not answer .* within 300 ms/.test(
          error.message,
        ),
    );
  },
});

Deno.test({
  name:
    "GameService with RedisCluster: when the owner's lease is gone, the sweep of another instance claims the game and its follower room leads in place: its subscription goes on with no gap, and commands are applied there",
  ignore: !REDIS_AVAILABLE,
  fn: async () => {
    await using redis = await startRedis();
    const options = { url: redis.url, leaseMs: 900 };
    const aStore = await RedisGameStore.connect({
      ...options,
      instanceId: "a",
    });
    const a = new GameService({
      store: aStore,
      cluster: await aStore.cluster(),
    });
    await using b = await instance(redis.url, "b", 900);
    const { gameId } = await a.create({ players: 5, seed: 2 });
    await a.join(gameId, "Ann");
    const room = await b.games.open(gameId);
    assert.equal(room.following, true);
    const stream = room.subscribe({ kind: "public" });
    const first = await stream.next();
    assert.equal(first.value?.event.type, "game_created");
    // the owner goes away: its leases released, nothing more from it
    a.close();
    await aStore.close();
    const deadline = Date.now() + 10_000;
    while (room.following) {
      assert.ok(Date.now() < deadline, "b claims the game");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seat = await b.games.join(gameId, "Ben");
    assert.equal(seat.playerId, "p2");
    const seen: string[] = [first.value!.event.type];
    for (let i = 0; i < 2; i++) {
      const next = await stream.next();
      seen.push(next.value!.event.type);
      assert.equal(next.value!.id, String(i + 2), "no gap, no duplicate");
    }
    assert.deepEqual(seen, ["game_created", "player_joined", "player_joined"]);
    await stream.return();
  },
});

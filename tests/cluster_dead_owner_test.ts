import assert from "node:assert/strict";
import { REQUEST_RULES } from "../src/engine/mod.ts";
import type { GameEvent } from "../src/mod.ts";
import { connectClient, type TestClient, within } from "./_helpers.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";
import { createClient } from "redis";
import { GameError, GameService } from "../src/game/mod.ts";
import { RedisGameStore } from "../src/redis/mod.ts";
import { ADMIN, startCluster } from "./_cluster.ts";

const LEASE_MS = 1500;
const PLAYERS = 5;

Deno.test({
  name:
    "cluster: a keyed move sent to a follower right after the game's owner was killed with SIGKILL is not left waiting for the dead owner's answer: once the owner's lease expired the follower claims the game and applies it, once, and answers as the game's owner answers it again",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    const gameId = await (async () => {
      await using admin = connectClient(cluster.url(0), {
        clientType: "ui",
        token: ADMIN,
      });
      return (await admin.trpc.lobby.createGame.mutate({
        players: PLAYERS,
        seed: 3,
        actionTimeoutMs: 600_000, // no deadline plays meanwhile
      })).gameId;
    })();
    const agents: TestClient[] = [];
    try {
      // every seat taken through instance 2 (forwarded to the owner)
      for (let i = 0; i < PLAYERS; i++) {
        const joiner = connectClient(cluster.url(1), { clientType: "agent" });
        const { seatToken } = await joiner.trpc.lobby.join.mutate({
          gameId,
          name: `Bot ${i}`,
        });
        await joiner[Symbol.asyncDispose]();
        agents.push(
          connectClient(cluster.url(1), {
            clientType: "agent",
            token: seatToken,
          }),
        );
      }
      const views = await Promise.all(
        agents.map((agent) => agent.trpc.game.state.query({ gameId })),
      );
      const mover = views.findIndex((view) => view.waitingFor !== null);
      assert.ok(mover >= 0, "the started game awaits a seat");
      const via = REQUEST_RULES[views[mover]!.waitingFor!.request].via;
      const move = { gameId, failed: "model_error", actionId: "after-kill" };
      const send = () =>
        agents[mover]!.trpc.game[via].mutate(
          move as Parameters<TestClient["trpc"]["game"]["say"]["mutate"]>[0],
        );

      const status = await cluster.servers[0]!.stop("SIGKILL");
      assert.equal(status.signal, "SIGKILL");
      const answer = await within(
        send(),
        20_000,
        "the move sent right after the owner's death",
      );
      // sent again: the same answer, nothing more in the log
      assert.deepEqual(await send(), answer);
      await using god = connectClient(cluster.url(1), {
        clientType: "ui",
        token: ADMIN,
      });
      const view = await agents[mover]!.trpc.game.state.query({ gameId });
      assert.notDeepEqual(view.waitingFor, views[mover]!.waitingFor);
      const { events } = await god.trpc.game.transcript.query({ gameId });
      const forfeits = (events as GameEvent[]).filter((event) =>
        "default" in event &&
        (event.default as { cause?: string } | undefined)?.cause ===
          "model_error"
      );
      assert.equal(forfeits.length, 1, "the move applied once");
      assert.equal(
        (forfeits[0] as { player_id?: string }).player_id,
        views[mover]!.you!.player_id,
      );
    } finally {
      for (const agent of agents) await agent[Symbol.asyncDispose]();
    }
  },
});

Deno.test({
  name:
    "GameService with RedisCluster: commands forwarded to an owner that stops before answering stop waiting once its lease is gone: one with an actionId is applied by the next owner (here), once; one without is refused with TIMEOUT saying it may or may not have been applied, long before the forwarding wait",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using redis = await startRedis();
    const leaseMs = 900;
    const aStore = await RedisGameStore.connect({
      url: redis.url,
      instanceId: "a",
      leaseMs,
    });
    const aCluster = await aStore.cluster();
    const a = new GameService({ store: aStore, cluster: aCluster });
    const bStore = await RedisGameStore.connect({
      url: redis.url,
      instanceId: "b",
      leaseMs,
    });
    const bCluster = await bStore.cluster({ forwardWaitMs: 60_000 });
    const b = new GameService({ store: bStore, cluster: bCluster });
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const { gameId } = await a.create({ players: 5, seed: 4 });
      assert.equal((await b.open(gameId)).following, true);
      await aCluster.stop(); // a reads its inbox no more, its lease held
      const unkeyed = b.join(gameId, "Ann").catch((error: unknown) => error);
      const keyed = b.join(gameId, "Ben", {
        actionId: "5d1f3c2a-9b8e-4f7d-a6c5-3e2d1c0b9a88",
      });
      for (let round = 0; round < 200; round++) {
        if (await raw.xLen("lg:inbox:{a}") >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal(await raw.xLen("lg:inbox:{a}"), 2, "both forwarded to a");
      a.close();
      await aStore.close(); // a's leases released: a is gone
      const refused = await within(unkeyed, 20_000, "the unkeyed refusal");
      assert.ok(refused instanceof GameError, `refused: ${refused}`);
      assert.equal(refused.code, "TIMEOUT");
      assert.match(
        refused.message,
        /instance a, stopped before answering .* may or may not have been applied/,
      );
      const seat = await within(keyed, 20_000, "the keyed join");
      assert.equal(seat.playerId, "p1");
      const room = await b.open(gameId);
      assert.equal(room.following, false, "b runs the game now");
      assert.deepEqual(room.state.players.map((p) => p.name), ["Ben"]);
    } finally {
      await raw.close();
      b.close();
      await bCluster.stop();
      await bStore.close();
    }
  },
});

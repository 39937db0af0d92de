import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { GameError, GameService, type GameStore } from "../src/game/mod.ts";
import { RedisGameStore } from "../src/redis/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { JOIN_ACTION_ID_MIN } from "../src/mod.ts";
import { connectClient, startTestServer } from "./_helpers.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";

const ADMIN = "join-admin";
const FIRST = "7f0c6a52-2b7e-4f7e-9d54-1f1a0c3e5b11";
const SECOND = "0d4b9f1e-8a3c-4c2d-b6e5-77a0f9c2d3e4";

/** The code of the GameError `call` rejects with. */
async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (cause: unknown) => cause);
  assert.ok(error instanceof GameError, `refused: ${error}`);
  return error.code;
}

Deno.test("lobby.join with an actionId, sent again on a new connection (its answer lost), answers the same seat and token and takes no second seat; another actionId takes another seat; a short actionId is refused saying why", async () => {
  await using test = await startTestServer({ adminToken: ADMIN });
  const gameId = await (async () => {
    await using admin = connectClient(test.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    return (await admin.trpc.lobby.createGame.mutate({ players: 5 })).gameId;
  })();
  const join = async (actionId: string, name = "Ana") => {
    await using agent = connectClient(test.wsUrl, { clientType: "agent" });
    return await agent.trpc.lobby.join.mutate({ gameId, name, actionId });
  };
  const first = await join(FIRST);
  assert.deepEqual(await join(FIRST), first);
  assert.deepEqual(await join(FIRST, "Another name"), first);
  const other = await join(SECOND, "Ben");
  assert.notEqual(other.playerId, first.playerId);
  assert.notEqual(other.seatToken, first.seatToken);
  await using seated = connectClient(test.wsUrl, {
    clientType: "agent",
    token: first.seatToken,
  });
  const view = await seated.trpc.game.state.query({ gameId });
  assert.equal(view.you?.player_id, first.playerId);
  assert.deepEqual(view.players.map((p) => p.name), ["Ana", "Ben"]);
  const short = await join("x".repeat(JOIN_ACTION_ID_MIN - 1)).catch((
    error: unknown,
  ) => error);
  assert.ok(short instanceof TRPCClientError);
  assert.equal(short.data?.code, "BAD_REQUEST");
  assert.ok(
    short.message.includes(`actionId has ${JOIN_ACTION_ID_MIN} to 64`),
    short.message,
  );
});

Deno.test("README's procedures table states lobby.join's actionId bound as the contract defines it", async () => {
  const readme = await Deno.readTextFile(
    new URL("../README.md", import.meta.url),
  );
  const row = readme.split("\n").find((line) =>
    line.startsWith("| `lobby.join`")
  );
  assert.ok(row?.includes("actionId?"), "the input lists actionId");
  assert.ok(
    row?.includes(`\`actionId\` (${JOIN_ACTION_ID_MIN} to 64 characters`),
    "the row states the bound",
  );
});

async function joinsOnce(
  open: () => Promise<{ store: GameStore; close: () => Promise<void> }>,
): Promise<void> {
  const first = await open();
  const games = new GameService({ store: first.store });
  let gameId = "";
  let seat: { playerId: string; seatToken: string };
  try {
    gameId = (await games.create({ players: 5, seed: 2 })).gameId;
    seat = await games.join(gameId, "Ana", { actionId: FIRST });
    assert.deepEqual(
      await games.join(gameId, "Ana", { actionId: FIRST }),
      seat,
    );
    await games.join(gameId, "Ben", { seat: 3 });
    // a refusal is kept too: the same refusal when sent again
    const taken = { seat: 3, actionId: SECOND };
    assert.equal(await codeOf(games.join(gameId, "Cid", taken)), "CONFLICT");
    await games.join(gameId, "Dia", { seat: 4 });
    assert.equal(await codeOf(games.join(gameId, "Cid", taken)), "CONFLICT");
  } finally {
    games.close();
    await first.close();
  }
  // a new process on the same store: the key is known again
  const second = await open();
  const again = new GameService({ store: second.store });
  try {
    assert.equal(await again.resume(), 1);
    assert.deepEqual(
      await again.join(gameId, "Ana", { actionId: FIRST }),
      seat,
    );
    const room = await again.open(gameId);
    assert.deepEqual(room.state.players.map((p) => p.name), [
      "Ana",
      "Ben",
      "Dia",
    ]);
    assert.deepEqual(await again.seatOf(seat.seatToken), {
      gameId,
      playerId: seat.playerId,
    });
  } finally {
    again.close();
    await second.close();
  }
}

Deno.test("GameService.join() with an actionId on SQLite answers the same seat and token when sent again, also after a restart on the same file, and the same refusal for a refused one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-join-" });
  try {
    await joinsOnce(() => {
      const store = new SqliteGameStore(`${dir}/games.db`);
      return Promise.resolve({
        store,
        close: () => Promise.resolve(store.close()),
      });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "GameService.join() with an actionId on Redis answers the same seat and token when sent again, also after a restart on the same Redis, and the same refusal for a refused one",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using redis = await startRedis();
    await joinsOnce(async () => {
      const store = await RedisGameStore.connect({
        url: redis.url,
        instanceId: "solo",
        leaseMs: 60_000,
      });
      return { store, close: () => store.close() };
    });
  },
});

Deno.test({
  name:
    "GameService with RedisCluster: a join with an actionId reaching a non-owner is forwarded with its key; sent again to either instance, also after the owner went away and the other took the game over, it answers the same seat and token and the game has one seat",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using redis = await startRedis();
    const open = async (instanceId: string) => {
      const store = await RedisGameStore.connect({
        url: redis.url,
        instanceId,
        leaseMs: 60_000,
      });
      const cluster = await store.cluster({ forwardWaitMs: 5000 });
      const games = new GameService({ store, cluster });
      return {
        games,
        [Symbol.asyncDispose]: async () => {
          games.close();
          await cluster.stop();
          await store.close();
        },
      };
    };
    const a = await open("a");
    let aOpen = true;
    await using b = await open("b");
    try {
      const { gameId } = await a.games.create({ players: 5, seed: 1 });
      assert.equal((await b.games.open(gameId)).following, true);
      const seat = await b.games.join(gameId, "Bea", { actionId: FIRST });
      assert.deepEqual(
        await b.games.join(gameId, "Bea", { actionId: FIRST }),
        seat,
      );
      assert.deepEqual(
        await a.games.join(gameId, "Bea", { actionId: FIRST }),
        seat,
      );
      assert.equal((await a.games.open(gameId)).state.players.length, 1);
      assert.deepEqual(await a.games.seatOf(seat.seatToken), {
        gameId,
        playerId: seat.playerId,
      });
      // the owner goes away (its leases released): b takes the game over and
      // the join sent again there answers the seat a gave
      aOpen = false;
      await a[Symbol.asyncDispose]();
      assert.deepEqual(
        await b.games.join(gameId, "Bea", { actionId: FIRST }),
        seat,
      );
      const room = await b.games.open(gameId);
      assert.equal(room.following, false, "b runs the game now");
      assert.equal(room.state.players.length, 1);
    } finally {
      if (aOpen) await a[Symbol.asyncDispose]();
    }
  },
});

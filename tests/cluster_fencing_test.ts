import assert from "node:assert/strict";
import { createClient } from "redis";
import { runBot } from "../examples/bot_agent.ts";
import { replay } from "../src/engine/mod.ts";
import { connectClient, waitFor, within } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, replayed, startCluster, watch } from "./_cluster.ts";

const NAMES = ["Ana", "Ben", "Cem", "Dia", "Eli", "Fay", "Gus", "Hal"];
const STOP_AFTER = 10;
const LEASE_MS = 1000;

Deno.test({
  name:
    "cluster fencing: an owner paused with SIGSTOP past its lease is taken over; after SIGCONT it appends nothing, follows the new owner's log and its spectators see the one history to the end",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    await using raw = await (async () => {
      const client = createClient({ url: cluster.redis.url });
      await client.connect();
      return { client, [Symbol.asyncDispose]: () => client.close() };
    })();
    const holder = async (gameId: string) =>
      (await raw.client.get(`lg:game:{${gameId}}:lease`))?.split("/")[0] ??
        null;
    const gameId = await (async () => {
      await using admin = connectClient(cluster.url(0), {
        clientType: "ui",
        token: ADMIN,
      });
      return (await admin.trpc.lobby.createGame.mutate({
        players: 8,
        seed: 7,
        actionTimeoutMs: 3000,
        discussionRounds: 1,
      })).gameId;
    })();
    await using staleSide = connectClient(cluster.url(0), { clientType: "ui" });
    await using newSide = connectClient(cluster.url(1), { clientType: "ui" });
    const stale = watch(staleSide, gameId);
    const fresh = watch(newSide, gameId);
    let played = 0;
    let paused: Promise<void> | null = null;
    const bots = Promise.all(NAMES.map((name, i) =>
      runBot({
        url: cluster.url(1), // every seat on the instance that is not the owner
        gameId,
        name,
        seed: i + 1,
        onAck: ({ path }) => {
          if (!path.startsWith("game.") || ++played !== STOP_AFTER) return;
          paused = (async () => {
            assert.equal(await holder(gameId), "c1");
            cluster.servers[0]!.child.kill("SIGSTOP");
            const deadline = Date.now() + 20_000;
            while ((await holder(gameId)) !== "c2") {
              assert.ok(Date.now() < deadline, "c2 claims the game");
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            const taken = fresh.events.length;
            await waitFor(
              () => fresh.events.length > taken + 2,
              "c2 to play on",
              20_000,
            );
            cluster.servers[0]!.child.kill("SIGCONT");
          })();
        },
      })
    ));
    await within(bots, 120_000, "the bots to finish the game");
    await paused;
    await within(fresh.over, 20_000, "game_over on c2");
    await within(stale.over, 20_000, "game_over on the stale owner c1");
    await using god = connectClient(cluster.url(1), {
      clientType: "ui",
      token: ADMIN,
    });
    const log = await replayed(god, gameId);
    assert.equal(replay(log).phase, "ended");
    assert.deepEqual(log.map((e) => e.seq), log.map((_, i) => i + 1));
    await using staleGod = connectClient(cluster.url(0), {
      clientType: "ui",
      token: ADMIN,
    });
    assert.deepEqual(await replayed(staleGod, gameId), log, "one history");
    const seen = (w: typeof stale) => w.events.map((item) => item.event);
    assert.deepEqual(seen(stale), seen(fresh), "c1 followed c2 to the end");
    assert.deepEqual(
      seen(fresh),
      await replayed(newSide, gameId),
      "what a single owner serves",
    );
    await stale[Symbol.asyncDispose]();
    await fresh[Symbol.asyncDispose]();
  },
});

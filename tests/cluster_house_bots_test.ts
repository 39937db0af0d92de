import assert from "node:assert/strict";
import { createClient } from "redis";
import type { GameEvent } from "../src/mod.ts";
import { houseBotThinkMs } from "../src/game/mod.ts";
import { connectClient, within } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, startCluster, watch } from "./_cluster.ts";

const LEASE_MS = 1500;
/** The owner is killed once the spectators saw this many events. */
const KILL_AFTER = 20;

Deno.test({
  name:
    "cluster: a game of house bots whose owner is killed with SIGKILL mid-game finishes on the instance that takes it over, its house bots playing there (no deadline could end it meanwhile)",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    const players = 6;
    const { gameId, houseBots } = await (async () => {
      await using admin = connectClient(cluster.url(0), {
        clientType: "ui",
        token: ADMIN,
      });
      return await admin.trpc.lobby.createGame.mutate({
        players,
        seed: 9,
        actionTimeoutMs: 600_000, // only the bots can move the game on
        discussionRounds: 1,
        houseBots: players,
        houseBotThinkMs: 20,
      });
    })();
    assert.equal(houseBots.length, players);
    await using god = connectClient(cluster.url(1), {
      clientType: "ui",
      token: ADMIN,
    });
    await using seen = watch(god, gameId);
    let killedAt = 0;
    const killed = (async () => {
      for (let round = 0; round < 2000; round++) {
        if (seen.events.length >= KILL_AFTER) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      killedAt = seen.events.length;
      return await cluster.servers[0]!.stop("SIGKILL");
    })();
    await within(seen.over, 60_000, "game_over on the surviving instance");
    assert.equal((await killed).signal, "SIGKILL");
    const events: GameEvent[] = seen.events.map((item) => item.event);
    assert.ok(killedAt >= KILL_AFTER && killedAt < events.length - 1);
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));
    assert.equal(events.at(-1)?.type, "game_over");
    const seated = events.filter((e) => e.type === "player_joined");
    assert.ok(
      seated.every((e) =>
        e.type === "player_joined" && houseBotThinkMs(e.agent) === 20
      ),
      "every seat is a house bot's, its think time in the log",
    );
    const moved = events.slice(killedAt).filter((e) =>
      e.type === "player_action" && !e.timed_out
    );
    assert.ok(moved.length > 0, "the bots played after the owner's death");
    const raw = createClient({ url: cluster.redis.url });
    await raw.connect();
    try {
      // the game ended on c2: its lease released or held by c2, never c1's
      const lease = await raw.get(`lg:game:{${gameId}}:lease`);
      assert.ok(lease === null || lease.startsWith("c2/"), `lease ${lease}`);
    } finally {
      await raw.close();
    }
  },
});

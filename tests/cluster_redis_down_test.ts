import assert from "node:assert/strict";
import { runBot } from "../examples/bot_agent.ts";
import { replay } from "../src/engine/mod.ts";
import { connectClient, within } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, replayed, startCluster, watch } from "./_cluster.ts";

const NAMES = ["Ana", "Ben", "Cem", "Dia", "Eli", "Fay", "Gus", "Hal"];
const STOP_AFTER = 10;

/** `GET /ready` of a server until `status` answers; its body then. */
async function readyUntil(
  port: number,
  status: number,
): Promise<{ status: string; reason?: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/ready`);
    const body = await response.json();
    if (response.status === status) return body;
    assert.ok(Date.now() < deadline, `/ready answers ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test({
  name:
    "cluster with Redis stopped mid-game: /ready answers 503 naming Redis on every instance and mutations fail naming Redis; once Redis is back (AOF) /ready is 200, the follower's subscription resumes and the game ends with no gap and no duplicate",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2);
    const [owner, other] = cluster.servers as [
      (typeof cluster.servers)[0],
      (typeof cluster.servers)[0],
    ];
    await using admin = connectClient(cluster.url(0), {
      clientType: "ui",
      token: ADMIN,
    });
    const { gameId } = await admin.trpc.lobby.createGame.mutate({
      players: 8,
      seed: 3,
      actionTimeoutMs: 2000,
      discussionRounds: 1,
    });
    await using spectator = connectClient(cluster.url(1), { clientType: "ui" });
    const seen = watch(spectator, gameId);
    let played = 0;
    let outage: Promise<void> | null = null;
    const bots = Promise.all(NAMES.map((name, i) =>
      runBot({
        url: cluster.url(1),
        gameId,
        name,
        seed: i + 1,
        onAck: ({ path }) => {
          if (!path.startsWith("game.") || ++played !== STOP_AFTER) return;
          outage = (async () => {
            await cluster.redis.stop();
            for (const server of [owner, other]) {
              const body = await readyUntil(server.port, 503);
              assert.equal(body.status, "unavailable");
              assert.match(
                body.reason ?? "",
                /Redis at redis:\/\/127\.0\.0\.1/,
              );
            }
            await assert.rejects(
              admin.trpc.lobby.createGame.mutate({ players: 5 }),
              /Redis/,
            );
            await cluster.redis.restart();
            for (const server of [owner, other]) {
              assert.equal(
                (await readyUntil(server.port, 200)).status,
                "ready",
              );
            }
          })();
        },
      })
    ));
    await within(bots, 120_000, "the bots to finish across the outage");
    assert.ok(outage !== null, "Redis was stopped mid-game");
    await outage;
    await within(seen.over, 20_000, "game_over on the follower");
    const events = seen.events.map((item) => item.event);
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));
    assert.deepEqual(events, await replayed(spectator, gameId));
    await using god = connectClient(cluster.url(1), {
      clientType: "ui",
      token: ADMIN,
    });
    assert.equal(replay(await replayed(god, gameId)).phase, "ended");
    await seen[Symbol.asyncDispose]();
  },
});

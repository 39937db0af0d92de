import assert from "node:assert/strict";
import { runBot } from "../examples/bot_agent.ts";
import type { GameEvent } from "../src/mod.ts";
import { connectClient, within } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, replayed, startCluster, watch } from "./_cluster.ts";

const NAMES = ["Ana", "Ben", "Cem", "Dia", "Eli", "Fay", "Gus", "Hal"];

/** The instance of bot `i`: instance 0 (the owner) for two seats only. */
function instanceOf(i: number): number {
  return i % 4 === 0 ? 0 : 1 + (i % 2);
}

Deno.test({
  name:
    "three main.ts instances on one Redis: 8 bots and spectators spread over them play a game to the end, and every viewer's stream equals what the owner serves that viewer of the final log",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(3);
    const gameId = await (async () => {
      await using admin = connectClient(cluster.url(0), {
        clientType: "ui",
        token: ADMIN,
      });
      return (await admin.trpc.lobby.createGame.mutate({
        players: 8,
        seed: 11,
        actionTimeoutMs: 3000,
        discussionRounds: 1,
      })).gameId;
    })();
    const spectators = [0, 1, 2].map((i) =>
      connectClient(cluster.url(i), { clientType: "ui" })
    );
    const gods = [0, 1, 2].map((i) =>
      connectClient(cluster.url(i), { clientType: "ui", token: ADMIN })
    );
    try {
      const watches = [...spectators, ...gods].map((c) => watch(c, gameId));
      // a spectator on a follower that leaves after a few events and comes
      // back with lastEventId: the same stream, no gap, no duplicate
      const resumer = connectClient(cluster.url(2), { clientType: "ui" });
      const first = watch(resumer, gameId);
      const tokens: string[] = [];
      const results = await within(
        Promise.all(NAMES.map((name, i) =>
          runBot({
            url: cluster.url(instanceOf(i)),
            gameId,
            name,
            seed: i + 1,
            onAck: ({ path, output }) => {
              if (path !== "lobby.join") return;
              tokens[i] = (output as { seatToken: string }).seatToken;
            },
          })
        )),
        120_000,
        "the bots to finish the game across three instances",
      );
      await Promise.all(
        watches.map((w) => within(w.over, 20_000, "game_over")),
      );
      await first[Symbol.asyncDispose]();
      const cut = first.events.slice(0, 5);
      assert.equal(cut.length, 5, "the resumer saw events before leaving");
      const rest = watch(resumer, gameId, cut.at(-1)!.id);
      await within(rest.over, 20_000, "the resumed stream's game_over");
      await rest[Symbol.asyncDispose]();
      await resumer[Symbol.asyncDispose]();
      const winner = results[0]!.winner;
      assert.ok(results.every((r) => r.winner === winner));

      // What the owner (instance 0) serves each viewer of the ended game
      await using ownerPublic = connectClient(cluster.url(0), {
        clientType: "ui",
      });
      await using ownerGod = connectClient(cluster.url(0), {
        clientType: "ui",
        token: ADMIN,
      });
      const publicLog = await replayed(ownerPublic, gameId);
      const godLog = await replayed(ownerGod, gameId);
      assert.equal(godLog.at(-1)?.type, "game_over");
      const events = (w: { events: { event: GameEvent }[] }) =>
        w.events.map((item) => item.event);
      for (const [i, w] of watches.entries()) {
        assert.deepEqual(
          events(w),
          i < 3 ? publicLog : godLog,
          `viewer ${i} on instance ${i % 3}`,
        );
      }
      assert.deepEqual(
        [...cut.map((c) => c.event), ...events(rest)],
        publicLog,
      );
      for (const [i, result] of results.entries()) {
        await using seat = connectClient(cluster.url(0), {
          clientType: "agent",
          token: tokens[i]!,
        });
        const mine = await replayed(seat, gameId);
        assert.deepEqual(
          result.events,
          mine,
          `${NAMES[i]} on instance ${instanceOf(i)}`,
        );
      }
    } finally {
      for (const client of [...spectators, ...gods]) {
        await client[Symbol.asyncDispose]();
      }
    }
  },
});

import assert from "node:assert/strict";
import { connectClient, within } from "./_helpers.ts";
import {
  joinLegacy,
  type LegacyEvent,
  LegacySocket,
  playLegacy,
} from "./_legacy.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, replayed, startCluster } from "./_cluster.ts";

Deno.test({
  name:
    "cluster /ws: legacy agents and a legacy ui on an instance that does not own the game join (forwarded), play and watch it to the end, the ui's events what the owner serves the public",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2);
    await using admin = connectClient(cluster.url(0), {
      clientType: "ui",
      token: ADMIN,
    });
    const { gameId } = await admin.trpc.lobby.createGame.mutate({
      players: 5,
      seed: 9,
      actionTimeoutMs: 3000,
      discussionRounds: 1,
    });
    const port = cluster.servers[1]!.port; // the follower
    await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
    const view = await ui.request({ message_type: "watch_game", gameId });
    assert.equal((view["result"] as { status: string }).status, "waiting");
    const seats = [];
    for (const name of ["A", "B", "C", "D", "E"]) {
      seats.push(await joinLegacy(port, { gameId, name }));
    }
    try {
      const played = await within(
        Promise.all(
          seats.map(({ socket, playerId }) =>
            playLegacy(socket, { me: playerId })
          ),
        ),
        90_000,
        "the legacy agents to finish on the follower",
      );
      assert.ok(played.every((events) => events.at(-1)?.type === "game_over"));
      await ui.until((m) =>
        m.message_type === "game_event" &&
        (m["event"] as LegacyEvent).type === "game_over"
      );
      const watched = ui.received.filter((m) => m.message_type === "game_event")
        .map((m) => m["event"] as LegacyEvent);
      await using owner = connectClient(cluster.url(0), { clientType: "ui" });
      const log = await replayed(owner, gameId);
      assert.deepEqual(
        watched.map((e) => [e.type, e["seq"]]),
        log.map((e) => [e.type, e.seq]),
      );
    } finally {
      for (const { socket } of seats) await socket[Symbol.asyncDispose]();
    }
  },
});

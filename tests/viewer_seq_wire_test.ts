import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import { redact, type Viewer, visibleSeqs } from "../src/engine/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  type TestClient,
} from "./_helpers.ts";
import {
  createGame,
  joinLegacy,
  type LegacyEvent,
  LegacySocket,
  playLegacy,
} from "./_legacy.ts";

const ADMIN = "admin-secret";

/** The next `count` tracked events of `game.events` after `lastEventId`. */
async function events(
  client: TestClient,
  input: { gameId: string; lastEventId?: string },
  count: number,
): Promise<{ id: string; data: GameEvent }[]> {
  const got = new Collector<{ id: string; data: GameEvent }>();
  const subscription = client.trpc.game.events.subscribe(input, {
    onData: got.push,
  });
  try {
    return [...await got.until(count)];
  } finally {
    subscription.unsubscribe();
  }
}

Deno.test("game.events over a socket numbers a villager's events 1..n without the wolves' messages, resumes exactly from each lastEventId, and game.say answers the werewolf's own seq", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed: 4,
    actionTimeoutMs: 60_000,
    discussionRounds: 1,
  });
  const agents: TestClient[] = [];
  try {
    const seats: { playerId: string; seatToken: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const agent = connectClient(server.wsUrl, { clientType: "agent" });
      agents.push(agent);
      seats.push(await agent.trpc.lobby.join.mutate({ gameId, name: `N${i}` }));
    }
    const room = server.server.games.room(gameId);
    assert.equal(room.state.phase, "night");
    const roleOf = (i: number) =>
      room.state.players.find((p) => p.id === seats[i]?.playerId)?.role;
    const wolf = seats.findIndex((_, i) => roleOf(i) === "werewolf");
    const villager = seats.findIndex((_, i) => roleOf(i) === "villager");
    assert.ok(wolf >= 0 && villager >= 0);

    // the werewolves talk at night: hidden from the villager
    const wolfClient = agents[wolf] as TestClient;
    const said = await wolfClient.trpc.game.say.mutate({
      gameId,
      text: "the seer first",
      actionId: "w-1",
    });
    const message = room.log.at(-1) as GameEvent;
    assert.equal(message.type, "agent_message");
    const wolfView = await wolfClient.trpc.game.transcript.query({ gameId });
    assert.deepEqual(
      wolfView.events.map((e) => e.seq),
      wolfView.events.map((_, i) => i + 1),
    );
    assert.equal(said.seq, wolfView.events.length, "the wolf's own seq");
    assert.equal(wolfView.events.at(-1)?.type, "agent_message");
    assert.ok(said.seq < message.seq, "not the global seq");
    const again = await wolfClient.trpc.game.say.mutate({
      gameId,
      text: "the seer first",
      actionId: "w-1",
    });
    assert.deepEqual(again, said, "a retry answers alike");

    // the villager's stream: 1..n, exactly its view
    const me: Viewer = {
      kind: "player",
      player_id: seats[villager]!.playerId as never,
    };
    const expected = visibleSeqs(room.log, room.state, me).map((seq, i) => ({
      ...redact(room.state, room.log[seq - 1]!, me),
      seq: i + 1,
    }));
    assert.ok(expected.length < room.log.length);
    const client = agents[villager] as TestClient;
    const all = await events(client, { gameId }, expected.length);
    assert.deepEqual(all.map((t) => t.id), all.map((_, i) => String(i + 1)));
    assert.deepEqual(all.map((t) => t.data), expected);
    assert.ok(
      !all.some((t) =>
        t.data.type === "agent_message" && t.data.channel === "werewolves"
      ),
    );
    for (let k = 1; k < all.length; k++) {
      const rest = await events(
        client,
        { gameId, lastEventId: String(k) },
        all.length - k,
      );
      assert.deepEqual(rest, all.slice(k), `resumed after ${k}`);
    }
    // the public too
    await using ui = connectClient(server.wsUrl, { clientType: "observer" });
    const publicView = await ui.trpc.game.transcript.query({ gameId });
    const watched = await events(ui, { gameId }, publicView.events.length);
    assert.deepEqual(watched.map((t) => t.data), publicView.events);
    assert.deepEqual(
      watched.map((t) => t.data.seq),
      watched.map((_, i) => i + 1),
    );
  } finally {
    for (const agent of agents) await agent[Symbol.asyncDispose]();
  }
});

Deno.test("the legacy /ws game_event stream numbers each seat's events 1..n in event_id too, and a last_event_id resumes exactly", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 6 });
  const seats: Awaited<ReturnType<typeof joinLegacy>>[] = [];
  for (const name of ["Ana", "Ben", "Cam", "Dan", "Eva"]) {
    seats.push(await joinLegacy(port, { gameId, name }));
  }
  try {
    const played = await Promise.all(
      seats.map((seat) =>
        playLegacy(seat.socket, { me: seat.playerId, say: "hello" })
      ),
    );
    const room = server.server.games.room(gameId);
    for (const [i, seat] of seats.entries()) {
      const viewer: Viewer = {
        kind: "player",
        player_id: seat.playerId as never,
      };
      const mine = visibleSeqs(room.log, room.state, viewer);
      const events = played[i] as LegacyEvent[];
      assert.ok(mine.length < room.log.length, "a seat does not see it all");
      assert.deepEqual(events.map((e) => e["seq"]), mine.map((_, k) => k + 1));
      assert.deepEqual(
        events.map((e) => e.type),
        mine.map((seq) => room.log[seq - 1]?.type),
      );
      const stamped = seat.socket.received.filter((m) =>
        m.message_type === "game_event" || m.message_type === "your_turn"
      );
      for (const message of stamped) {
        const seq = (message["event"] as LegacyEvent)["seq"];
        assert.ok(message.event_id.endsWith(`:${gameId}:${seq}`));
        if (message.message_type === "your_turn") {
          assert.equal(message["seq"], seq);
        }
      }
    }
    // a seat reconnecting after its k-th event gets exactly the rest
    const seat = seats[0]!;
    const all = played[0] as LegacyEvent[];
    const stamped = seat.socket.received.filter((m) =>
      m.message_type === "game_event" || m.message_type === "your_turn"
    );
    await seat.socket[Symbol.asyncDispose]();
    for (const k of [1, 2, Math.floor(all.length / 2), all.length - 1]) {
      const last = stamped[k - 1]!.event_id;
      await using back = await LegacySocket.open(
        port,
        `back_${k}?client_type=agent&last_event_id=${encodeURIComponent(last)}`,
        { authorization: `Bearer ${seat.seatToken}` },
      );
      const rest: LegacyEvent[] = [];
      while (rest.at(-1)?.type !== "game_over") {
        const next = await back.nextOf("game_event");
        rest.push(next["event"] as LegacyEvent);
      }
      assert.deepEqual(rest, all.slice(k), `resumed after ${k}`);
    }
  } finally {
    for (const seat of seats) await seat.socket[Symbol.asyncDispose]();
  }
});

import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { HubMessage } from "../src/mod.ts";
import { nextDeadline } from "../src/engine/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
} from "./_helpers.ts";

const ADMIN = "admin-secret";
const SPECTATOR = "spectator-secret";

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(() => null, (e) => e);
  assert.ok(error instanceof TRPCClientError, "the call was refused");
  assert.ok(error.message.length > 20, `a sentence says why: ${error.message}`);
  return error.data?.code;
}

Deno.test("lobby and game procedures refuse callers with the documented codes", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientId: "admin",
    clientType: "ui",
    token: ADMIN,
  });
  await using ui = connectClient(server.wsUrl, {
    clientId: "ui1",
    clientType: "ui",
  });
  await using observer = connectClient(server.wsUrl, {
    clientId: "obs1",
    clientType: "observer",
  });
  await using agent = connectClient(server.wsUrl, {
    clientId: "agent1",
    clientType: "agent",
  });
  await using stranger = connectClient(server.wsUrl, {
    clientId: "agent2",
    clientType: "agent",
  });

  assert.equal(
    await codeOf(ui.trpc.lobby.createGame.mutate({ players: 5 })),
    "FORBIDDEN",
  );
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 60_000,
  });
  assert.equal(
    await codeOf(ui.trpc.lobby.join.mutate({ gameId, name: "Ui" })),
    "FORBIDDEN",
  );
  assert.equal(
    await codeOf(observer.trpc.lobby.join.mutate({ gameId, name: "Obs" })),
    "FORBIDDEN",
  );
  assert.equal(
    await codeOf(
      agent.trpc.lobby.join.mutate({ gameId: "g-doesnotexist", name: "A" }),
    ),
    "NOT_FOUND",
  );
  const seat = await agent.trpc.lobby.join.mutate({ gameId, name: "Alice" });
  assert.equal(seat.playerId, "p1");
  assert.equal(
    await codeOf(agent.trpc.lobby.join.mutate({ gameId, name: "Alice" })),
    "CONFLICT",
    "one connection holds one seat per game",
  );
  assert.equal(
    await codeOf(stranger.trpc.lobby.join.mutate({ gameId, name: "Alice" })),
    "BAD_REQUEST",
    "the name is taken",
  );
  assert.equal(
    await codeOf(agent.trpc.game.say.mutate({ gameId, text: "hi" })),
    "PRECONDITION_FAILED",
  );
  assert.equal(
    await codeOf(stranger.trpc.game.vote.mutate({ gameId, target: null })),
    "UNAUTHORIZED",
  );
  assert.equal(
    await codeOf(observer.trpc.game.say.mutate({ gameId, text: "boo" })),
    "FORBIDDEN",
  );
  assert.equal(
    await codeOf(stranger.trpc.game.start.mutate({ gameId })),
    "FORBIDDEN",
  );
  assert.equal(
    await codeOf(admin.trpc.game.start.mutate({ gameId })),
    "PRECONDITION_FAILED",
  );
  const bad = await codeOf(
    agent.trpc.game.act.mutate({
      gameId,
      action: { kind: "fly" as "wolf_kill" },
    }),
  );
  assert.equal(bad, "BAD_REQUEST");
});

Deno.test("game.state shows roles only to who may know them; a seat token makes a new socket that player", async () => {
  await using server = await startTestServer({
    adminToken: ADMIN,
    spectatorToken: SPECTATOR,
  });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 9,
    actionTimeoutMs: 60_000,
  });
  const agents = Array.from(
    { length: 5 },
    (_, i) =>
      connectClient(server.wsUrl, { clientId: `a${i}`, clientType: "agent" }),
  );
  try {
    const seats: { playerId: string; seatToken: string }[] = [];
    for (const [i, a] of agents.entries()) {
      seats.push(await a.trpc.lobby.join.mutate({ gameId, name: `N${i}` }));
    }
    await using publicView = connectClient(server.wsUrl, {
      clientType: "observer",
    });
    await using god = connectClient(server.wsUrl, {
      clientType: "observer",
      token: SPECTATOR,
    });
    const seen = await publicView.trpc.game.state.query({ gameId });
    assert.equal(seen.status, "running");
    assert.ok(
      seen.players.every((p) => p.role === undefined),
      "the public sees no living role",
    );
    assert.equal(seen.you, null);
    const all = await god.trpc.game.state.query({ gameId });
    assert.ok(
      all.players.every((p) => p.role !== undefined),
      "the god view sees every role",
    );
    const mine = await agents[0]!.trpc.game.state.query({ gameId });
    assert.equal(mine.you?.player_id, seats[0]!.playerId);
    assert.equal(
      mine.you?.role,
      all.players.find((p) => p.id === seats[0]!.playerId)?.role,
    );
    // a new socket with the seat token is that player
    await using again = connectClient(server.wsUrl, {
      clientType: "agent",
      token: seats[0]!.seatToken,
    });
    const resumed = await again.trpc.game.state.query({ gameId });
    assert.equal(resumed.you?.player_id, seats[0]!.playerId);
    assert.deepEqual(resumed.you, mine.you);
    const listed = await publicView.trpc.lobby.listGames.query({
      status: "running",
    });
    assert.deepEqual(listed.map((g) => [g.gameId, g.joined, g.players]), [[
      gameId,
      5,
      5,
    ]]);
  } finally {
    for (const a of agents) await a.ws.close();
  }
});

Deno.test("the hub broadcasts each game's public phase_update and game_state to hub.events", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using watcher = connectClient(server.wsUrl, { clientType: "ui" });
  const got = new Collector<{ id: string; data: HubMessage }>();
  const sub = watcher.trpc.hub.events.subscribe(undefined, {
    onData: got.push,
  });
  await got.until(1);
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 60_000,
  });
  const agents = Array.from(
    { length: 5 },
    () => connectClient(server.wsUrl, { clientType: "agent" }),
  );
  try {
    for (const [i, a] of agents.entries()) {
      await a.trpc.lobby.join.mutate({ gameId, name: `N${i}` });
    }
    await waitFor(
      () => got.items.some((m) => m.data.message_type === "phase_update"),
      "phase_update",
    );
    const phase = got.items.find((m) => m.data.message_type === "phase_update")
      ?.data;
    assert.ok(phase?.message_type === "phase_update");
    assert.equal(phase.new_phase, "night");
    assert.equal(phase.data?.["gameId"], gameId);
    const room = server.server.games.room(gameId);
    for (
      let i = 0;
      i < 10 && !room.log.some((e) => e.type === "game_state");
      i++
    ) {
      await room.submit({
        type: "timeout",
        at: nextDeadline(room.state) ?? Date.now(),
      }); // dawn comes
    }
    await waitFor(
      () => got.items.some((m) => m.data.message_type === "game_state"),
      "game_state",
    );
    const state = got.items.find((m) => m.data.message_type === "game_state")
      ?.data;
    assert.ok(state?.message_type === "game_state");
    assert.equal(state.alive_count + state.dead_count, 5);
    assert.equal(
      state.players.filter((p) => !p.alive).length,
      state.dead_count,
    );
    assert.ok(
      state.players.every((p) => p.role === undefined || !p.alive),
      "only the dead's roles are in the public table",
    );
  } finally {
    sub.unsubscribe();
    for (const a of agents) await a.ws.close();
  }
});

Deno.test("lobby.join: one connection holds one seat per game, even when it joins twice at once", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({ players: 5 });
  await using agent = connectClient(server.wsUrl, { clientType: "agent" });
  const codes = await Promise.all(
    ["Ana", "Bea"].map((name) =>
      agent.trpc.lobby.join.mutate({ gameId, name }).then(
        () => "ok",
        (error) => error.data?.code,
      )
    ),
  );
  assert.deepEqual(codes.sort(), ["CONFLICT", "ok"]);
  const [row] = await admin.trpc.lobby.listGames.query({});
  assert.equal(row?.joined, 1);
});

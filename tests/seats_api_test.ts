/**
 * `lobby.join` and `/ws` `join_game` with `seat` and `agent`, through real
 * sockets: the seat asked for, CONFLICT for a taken one, the label in the
 * transcript.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { connectClient, startTestServer } from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";

const ADMIN = "seats-admin";

Deno.test("lobby.join with seat and agent seats the agent there, refuses a taken seat with CONFLICT, and the transcript keeps the label; /ws join_game too", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    autoStart: false,
  });
  await using ana = connectClient(server.wsUrl, { clientType: "agent" });
  const seat = await ana.trpc.lobby.join.mutate({
    gameId,
    name: "Ana",
    seat: 4,
    agent: "smart-v2",
  });
  assert.equal(seat.playerId, "p4");
  await using bo = connectClient(server.wsUrl, { clientType: "agent" });
  const taken = await bo.trpc.lobby.join.mutate({ gameId, name: "Bo", seat: 4 })
    .then(() => null, (error: unknown) => error);
  assert.ok(taken instanceof TRPCClientError);
  assert.equal(taken.data?.code, "CONFLICT");
  assert.equal(taken.message, "seat 4 is taken: the free seats are 1, 2, 3, 5");
  await using legacy = await LegacySocket.open(
    server.server.port,
    "legacy_cy?client_type=agent",
  );
  const joined = await legacy.request({
    message_type: "join_game",
    gameId,
    name: "Cy",
    seat: 2,
    agent: "openai/gpt-4o",
  });
  assert.equal(joined.message_type, "result", JSON.stringify(joined));
  assert.equal((joined["result"] as { playerId: string }).playerId, "p2");
  const transcript = await admin.trpc.game.transcript.query({ gameId });
  const seated = transcript.events.flatMap((event) =>
    event.type === "player_joined" ? [[event.player_id, event.agent]] : []
  );
  assert.deepEqual(seated, [["p4", "smart-v2"], ["p2", "openai/gpt-4o"]]);
});

Deno.test("lobby.createGame with a deal gives each seat its role whatever the order of the joins, and refuses a deal off the role counts with BAD_REQUEST", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const bad = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    deal: ["werewolf", "werewolf", "seer", "witch", "villager"],
  }).then(() => null, (error: unknown) => error);
  assert.ok(bad instanceof TRPCClientError);
  assert.equal(bad.data?.code, "BAD_REQUEST");
  assert.match(bad.message, /a deal must hold exactly the role counts/);
  const deal = ["villager", "witch", "seer", "werewolf", "villager"] as const;
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    deal: [...deal],
    actionTimeoutMs: 600_000,
  });
  const clients = [5, 3, 1, 4, 2].map((seat) => ({
    seat,
    client: connectClient(server.wsUrl, { clientType: "agent" }),
  }));
  try {
    for (const { seat, client } of clients) {
      await client.trpc.lobby.join.mutate({ gameId, name: `S${seat}`, seat });
    }
    for (const { seat, client } of clients) {
      const view = await client.trpc.game.state.query({ gameId });
      assert.equal(view.you?.role, deal[seat - 1], `seat ${seat}`);
    }
  } finally {
    for (const { client } of clients) await client[Symbol.asyncDispose]();
  }
});

import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { connectClient, startTestServer } from "./_helpers.ts";

const ADMIN = "admin-secret";
const SPECTATOR = "spectator-secret";

async function refusal(
  call: Promise<unknown>,
): Promise<{ code: string | undefined; message: string }> {
  const error = await call.then(() => null, (e) => e);
  assert.ok(error instanceof TRPCClientError, "the call was refused");
  return { code: error.data?.code, message: error.message };
}

Deno.test("game.start refuses a caller that only claims the creator's client id, over HTTP and WebSocket", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const { gameId } = await (async () => {
    await using admin = connectClient(server.wsUrl, {
      clientId: "boss",
      clientType: "ui",
      token: ADMIN,
    });
    return await admin.trpc.lobby.createGame.mutate({
      players: 6,
      actionTimeoutMs: 600_000,
    });
  })();
  for (const name of ["A", "B", "C", "D", "E"]) {
    await server.server.games.join(gameId, name);
  }
  const http = await fetch(
    `${server.httpUrl}/trpc/game.start?client_id=boss`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { gameId } }),
    },
  );
  assert.equal(http.status, 403);
  const body = await http.json();
  assert.equal(body.error.json.data.code, "FORBIDDEN");
  assert.match(body.error.json.message, /Only an admin .*may start a game/);
  await using impostor = connectClient(server.wsUrl, {
    clientId: "boss",
    clientType: "ui",
  });
  const refused = await refusal(impostor.trpc.game.start.mutate({ gameId }));
  assert.equal(refused.code, "FORBIDDEN");
  assert.equal(server.server.games.room(gameId).state.phase, "lobby");
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  await admin.trpc.game.start.mutate({ gameId });
  assert.equal(server.server.games.room(gameId).state.phase, "night");
});

Deno.test("the SPECTATOR_TOKEN is read-only whatever the client type: hub.publish and lobby.join refuse it, game.state shows it every role", async () => {
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
    actionTimeoutMs: 600_000,
  });
  for (const clientType of ["agent", "ui"]) {
    await using spectator = connectClient(server.wsUrl, {
      clientType,
      token: SPECTATOR,
    });
    const published = await refusal(spectator.trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: "the seer is p3",
      },
    }));
    assert.equal(published.code, "FORBIDDEN", clientType);
    assert.match(published.message, /SPECTATOR_TOKEN is read-only/);
    const joined = await refusal(
      spectator.trpc.lobby.join.mutate({ gameId, name: `Spy ${clientType}` }),
    );
    assert.equal(joined.code, "FORBIDDEN", clientType);
    assert.match(joined.message, /SPECTATOR_TOKEN is read-only/);
  }
  assert.equal(server.server.games.room(gameId).state.players.length, 0);
  for (const name of ["A", "B", "C", "D", "E"]) {
    await server.server.games.join(gameId, name);
  }
  await using spectator = connectClient(server.wsUrl, {
    clientType: "agent",
    token: SPECTATOR,
  });
  const view = await spectator.trpc.game.state.query({ gameId });
  assert.ok(view.players.every((p) => p.role !== undefined));
});

/**
 * The refusal a client reads over a real server is the engine's sanitized
 * sentence, on the typed API and on the legacy protocol alike.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { PlayerId } from "../src/mod.ts";
import { connectClient, startTestServer, type TestClient } from "./_helpers.ts";
import { createGame, joinLegacy } from "./_legacy.ts";

const NIGHT_VOTE =
  "not the time to vote: this is the night phase; the village votes by day, in the vote phase";

Deno.test("game.vote and the legacy vote at night reach the client without naming whom the night waits for", async () => {
  await using server = await startTestServer();
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 11 });
  const seats = new Map<PlayerId, TestClient>();
  for (const name of ["Ana", "Ben", "Cid", "Dan"]) {
    const client = connectClient(server.wsUrl, { clientType: "agent" });
    const { playerId } = await client.trpc.lobby.join.mutate({ gameId, name });
    seats.set(playerId as PlayerId, client);
  }
  await using _seat1 = seats.get("p1")!;
  await using _seat2 = seats.get("p2")!;
  await using _seat3 = seats.get("p3")!;
  await using _seat4 = seats.get("p4")!;
  const legacy = await joinLegacy(server.server.port, { gameId, name: "Eve" });
  await using _legacy = legacy.socket;
  const room = server.server.games.room(gameId);
  assert.equal(room.state.phase, "night");
  assert.ok(
    room.state.pending.length >= 2,
    "the wolf and the seer are awaited",
  );

  for (const [playerId, client] of seats) {
    const error = await client.trpc.game.vote.mutate({ gameId, target: null })
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof TRPCClientError, `${playerId} was refused`);
    assert.equal(error.data?.code, "PRECONDITION_FAILED");
    assert.equal(error.message, NIGHT_VOTE);
  }
  const refused = await legacy.socket.request({
    message_type: "vote",
    gameId,
    target: null,
  });
  assert.equal(refused.message_type, "error");
  assert.equal(refused["code"], "PRECONDITION_FAILED");
  assert.equal(refused["error"], NIGHT_VOTE);
});

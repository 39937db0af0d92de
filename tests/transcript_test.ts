import assert from "node:assert/strict";
import { runBot } from "../examples/bot_agent.ts";
import type { GameEvent } from "../src/mod.ts";
import { redact } from "../src/engine/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

const ADMIN = "admin-secret";

async function lines(response: Response): Promise<GameEvent[]> {
  const text = await response.text();
  assert.ok(text.endsWith("\n"), "JSON Lines end with a newline");
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

Deno.test("game.transcript and GET /games/{id}/transcript.jsonl give a running game's view per caller and an ended game's whole log", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 11,
    actionTimeoutMs: 60_000,
    discussionRounds: 1,
  });
  const seats = [];
  for (let i = 0; i < 5; i++) {
    await using agent = connectClient(server.wsUrl, { clientType: "agent" });
    seats.push(await agent.trpc.lobby.join.mutate({ gameId, name: `N${i}` }));
  }
  const room = server.server.games.room(gameId);
  assert.equal(room.state.phase, "night", "the game runs");

  // Running: each caller gets its own view, never another's secret,
  // numbered in its own sequence 1..n (a gap would count hidden events).
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const publicView = await ui.trpc.game.transcript.query({ gameId });
  assert.equal(publicView.status, "running");
  const expectPublic = room.log.map((e) =>
    redact(room.state, e, { kind: "public" })
  ).filter((e) => e !== null).map((e, i) => ({ ...e, seq: i + 1 }));
  assert.ok(expectPublic.length < room.log.length, "the public misses some");
  assert.deepEqual(publicView.events, expectPublic);
  assert.ok(!publicView.events.some((e) => e.type === "role_assigned"));
  const godView = await admin.trpc.game.transcript.query({ gameId });
  assert.deepEqual(godView.events, room.log);
  const seat = seats[0]!;
  const http = await fetch(
    `${server.httpUrl}/games/${gameId}/transcript.jsonl`,
    { headers: { authorization: `Bearer ${seat.seatToken}` } },
  );
  assert.equal(http.status, 200);
  assert.match(http.headers.get("content-type") ?? "", /x-ndjson/);
  assert.equal(http.headers.get("cache-control"), "no-store");
  const mine = await lines(http);
  assert.deepEqual(mine.map((e) => e.seq), mine.map((_, i) => i + 1));
  const roles = mine.filter((e) => e.type === "role_assigned");
  assert.deepEqual(roles.map((e) => e.player_id), [seat.playerId]);
  const anonymous = await fetch(
    `${server.httpUrl}/games/${gameId}/transcript.jsonl`,
  );
  assert.deepEqual(await lines(anonymous), expectPublic);

  // Errors are JSON with the code and a sentence.
  const missing = await fetch(
    `${server.httpUrl}/games/g-nothere/transcript.jsonl`,
  );
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /No game g-nothere/);
  const malformed = await fetch(
    `${server.httpUrl}/games/NOT%20AN%20ID/transcript.jsonl`,
  );
  assert.equal(malformed.status, 400);
  assert.deepEqual(await malformed.json(), {
    error:
      'Invalid input: "gameId": a game id is g- and 4 to 32 lowercase letters or digits, as lobby.createGame and lobby.listGames give it',
    code: "BAD_REQUEST",
  });
  const badToken = await fetch(
    `${server.httpUrl}/games/${gameId}/transcript.jsonl`,
    { headers: { authorization: "Bearer nope" } },
  );
  assert.equal(badToken.status, 401);
  assert.equal((await badToken.json()).code, "UNAUTHORIZED");
  const post = await fetch(
    `${server.httpUrl}/games/${gameId}/transcript.jsonl`,
    { method: "POST" },
  );
  assert.equal(post.status, 405);
  await post.body?.cancel();
});

Deno.test("an ended game's transcript is its whole log for everyone, and listGames finds it by status", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 3,
    actionTimeoutMs: 300,
    discussionRounds: 1,
  });
  await within(
    Promise.all(
      ["A", "B", "C", "D", "E"].map((name, i) =>
        runBot({ url: server.wsUrl, gameId, name, seed: i + 1 })
      ),
    ),
    60_000,
    "the game to end",
  );
  const log = server.server.games.room(gameId).log;
  await using ui = connectClient(server.wsUrl, { clientType: "observer" });
  const transcript = await ui.trpc.game.transcript.query({ gameId });
  assert.equal(transcript.status, "ended");
  assert.ok(
    transcript.winner === "village" || transcript.winner === "werewolves",
  );
  assert.deepEqual(transcript.events, log);
  const http = await fetch(
    `${server.httpUrl}/games/${gameId}/transcript.jsonl`,
  );
  assert.equal(
    http.headers.get("content-disposition"),
    `attachment; filename="${gameId}.jsonl"`,
  );
  assert.deepEqual(await lines(http), log);
  const ended = await ui.trpc.lobby.listGames.query({ status: "ended" });
  assert.deepEqual(ended.map((row) => row.gameId), [gameId]);
  assert.equal(ended[0]?.winner, transcript.winner);
  assert.deepEqual(
    await ui.trpc.lobby.listGames.query({ status: "running" }),
    [],
  );
});

/**
 * `lobby.listGames` paging and times, and `lobby.deleteGame`, through the
 * official client on real sockets: who may delete, what a game not ended
 * answers, and what is gone afterwards (the row, the transcript, the seat
 * tokens).
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { seatHouseBots } from "../src/game/mod.ts";
import {
  connectClient,
  startTestServer,
  type TestServer,
  waitFor,
} from "./_helpers.ts";

const ADMIN = "lobby-admin";
const SPECTATOR = "lobby-spectator";

/** The code and sentence of a refused call (fails if it was allowed). */
async function refusal(
  call: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  const error = await call.then(() => null, (cause: unknown) => cause);
  assert.ok(error instanceof TRPCClientError, `refused: ${error}`);
  return { code: String(error.data?.code), message: error.message };
}

/**
 * A 5-seat game with one seat taken through `lobby.join` (its token kept)
 * and four house bots, played to its end (the joined seat by its deadlines).
 */
async function endedGame(
  test: TestServer,
  token?: string,
): Promise<{ gameId: string; seatToken: string }> {
  await using admin = connectClient(test.wsUrl, {
    clientType: "ui",
    ...(token === undefined ? {} : { token }),
  });
  await using agent = connectClient(test.wsUrl, { clientType: "agent" });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    name: "To delete",
    actionTimeoutMs: 30,
    discussionRounds: 0,
  });
  const { seatToken } = await agent.trpc.lobby.join.mutate({
    gameId,
    name: "Mine",
  });
  const games = test.server.games;
  const bots = await seatHouseBots(games, gameId, { count: 4, thinkMs: 0 });
  await waitFor(
    () => games.room(gameId).state.phase === "ended",
    "the game's end",
    30_000,
  );
  await bots.finished;
  return { gameId, seatToken };
}

/** Whether the server takes `token` (plain HTTP, Bearer). */
async function tokenWorks(test: TestServer, token: string): Promise<boolean> {
  const response = await fetch(`${test.httpUrl}/trpc/system.whoami`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.ok;
}

Deno.test("lobby.listGames pages with offset: each page the newest after the offset, oldest first; the pages cover every game once; rows carry createdAt and endedAt; no input still lists them all", async () => {
  await using test = await startTestServer();
  await using ui = connectClient(test.wsUrl, { clientType: "ui" });
  const created: string[] = [];
  const before = Date.now();
  for (let i = 0; i < 7; i++) {
    const { gameId } = await ui.trpc.lobby.createGame.mutate({
      players: 5,
      name: `Game ${i}`,
      actionTimeoutMs: 600_000,
    });
    created.push(gameId);
  }
  const all = await ui.trpc.lobby.listGames.query();
  assert.deepEqual(all.map((row) => row.gameId), created);
  const ids = (rows: { gameId: string }[]) => rows.map((row) => row.gameId);
  assert.deepEqual(
    ids(await ui.trpc.lobby.listGames.query({ limit: 3 })),
    created.slice(4),
  );
  assert.deepEqual(
    ids(await ui.trpc.lobby.listGames.query({ limit: 3, offset: 3 })),
    created.slice(1, 4),
  );
  const walked: string[] = [];
  for (let offset = 0; offset < 100; offset += 3) {
    const page = await ui.trpc.lobby.listGames.query({ limit: 3, offset });
    walked.unshift(...ids(page));
    if (page.length < 3) break;
  }
  assert.deepEqual(walked, created);
  for (const row of all) {
    assert.ok(
      row.createdAt >= before && row.createdAt <= Date.now(),
      JSON.stringify(row),
    );
    assert.equal(row.endedAt, null);
  }
  assert.deepEqual(
    await ui.trpc.lobby.listGames.query({ status: "waiting", offset: 7 }),
    [],
  );
  const bad = await refusal(ui.trpc.lobby.listGames.query({ offset: -1 }));
  assert.equal(bad.code, "BAD_REQUEST");
  assert.match(bad.message, /offset/);
});

Deno.test("lobby.deleteGame with ADMIN_TOKEN: FORBIDDEN with a sentence for every caller but the admin; the admin's delete removes the ended game from the list, the transcript and the seat tokens; a running game is refused, an unknown one NOT_FOUND", async () => {
  await using test = await startTestServer({
    adminToken: ADMIN,
    spectatorToken: SPECTATOR,
  });
  const { gameId, seatToken } = await endedGame(test, ADMIN);
  await using admin = connectClient(test.wsUrl, { token: ADMIN });
  await using ui = connectClient(test.wsUrl, { clientType: "ui" });
  await using observer = connectClient(test.wsUrl, { clientType: "observer" });
  await using spectator = connectClient(test.wsUrl, { token: SPECTATOR });
  await using seated = connectClient(test.wsUrl, { token: seatToken });
  for (const client of [ui, observer, spectator, seated]) {
    const refused = await refusal(
      client.trpc.lobby.deleteGame.mutate({ gameId }),
    );
    assert.equal(refused.code, "FORBIDDEN");
    assert.match(refused.message, /Deleting a game needs the admin token/);
  }
  const [row] = await ui.trpc.lobby.listGames.query({ status: "ended" });
  assert.equal(row?.gameId, gameId);
  assert.ok(
    row.endedAt !== null && row.endedAt >= row.createdAt,
    JSON.stringify(row),
  );
  assert.equal(await tokenWorks(test, seatToken), true);

  const { gameId: waiting } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 600_000,
  });
  const early = await refusal(
    admin.trpc.lobby.deleteGame.mutate({ gameId: waiting }),
  );
  assert.equal(early.code, "PRECONDITION_FAILED");
  assert.match(early.message, /is waiting: only ended games may be deleted/);

  assert.deepEqual(await admin.trpc.lobby.deleteGame.mutate({ gameId }), {
    deleted: gameId,
  });
  assert.deepEqual(
    (await ui.trpc.lobby.listGames.query()).map((r) => r.gameId),
    [waiting],
  );
  const gone = await refusal(ui.trpc.game.transcript.query({ gameId }));
  assert.equal(gone.code, "NOT_FOUND");
  const file = await fetch(`${test.httpUrl}/games/${gameId}/transcript.jsonl`);
  await file.body?.cancel();
  assert.equal(file.status, 404);
  assert.equal(await tokenWorks(test, seatToken), false);
  const again = await refusal(admin.trpc.lobby.deleteGame.mutate({ gameId }));
  assert.equal(again.code, "NOT_FOUND");
  assert.match(again.message, /No ended game g-\w+: lobby\.listGames lists/);
});

Deno.test("lobby.deleteGame in development mode: anyone may delete an ended game, never a running one", async () => {
  await using test = await startTestServer();
  await using ui = connectClient(test.wsUrl, { clientType: "ui" });
  const { gameId } = await endedGame(test);
  const { gameId: running } = await ui.trpc.lobby.createDemoGame.mutate({
    players: 5,
    thinkMs: 10_000, // the bots wait: it is still running when deleted
    actionTimeoutMs: 600_000,
  });
  const refused = await refusal(
    ui.trpc.lobby.deleteGame.mutate({ gameId: running }),
  );
  assert.equal(refused.code, "PRECONDITION_FAILED");
  assert.match(refused.message, /is running: only ended games may be deleted/);
  assert.deepEqual(await ui.trpc.lobby.deleteGame.mutate({ gameId }), {
    deleted: gameId,
  });
  assert.deepEqual(
    (await ui.trpc.lobby.listGames.query()).map((row) => row.gameId),
    [running],
  );
});

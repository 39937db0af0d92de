/**
 * `MAX_GAMES_IN_PLAY`: a server that leads that many games not ended
 * refuses one more with SERVICE_UNAVAILABLE and a sentence, over tRPC
 * (`lobby.createGame`, `tournament.startGame`) and the original protocol
 * (`create_game`), counts each refusal in `loupgarou_refused_total`, and
 * takes a new game once one ends; games resumed after a restart are not
 * refused, and follower rooms (another instance's games) do not count.
 * @module
 */
import assert from "node:assert/strict";
import { runBot } from "../agents/bot_agent.ts";
import { isFull } from "../src/game/_create_game.ts";
import type { GameRoom } from "../src/game/mod.ts";
import { connectClient, refusal, startTestServer, within } from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";
import { M, metric } from "./_metrics.ts";
import { houseRandomSpec, openLimits } from "./_house_random.ts";

const ADMIN = "in-play-admin";

const GAME = {
  players: 5,
  actionTimeoutMs: 10_000,
  discussionRounds: 1,
  houseBotThinkMs: 0,
} as const;

/** A server bounded at `max` games in play, and its admin's client. */
async function cappedServer(max: number) {
  const server = await startTestServer({
    ...openLimits(ADMIN),
    maxGamesInPlay: max,
  });
  const admin = connectClient(server.wsUrl, { clientType: "ui", token: ADMIN });
  return {
    server,
    admin,
    async [Symbol.asyncDispose]() {
      await admin[Symbol.asyncDispose]();
      await server[Symbol.asyncDispose]();
    },
  };
}

Deno.test("isFull: counts the rooms this instance leads up to max; followers never count; 0 is no limit", () => {
  const rooms = (following: boolean[]) =>
    following.map((f) => ({ following: f }) as GameRoom);
  assert.equal(isFull(rooms([false, false]), 2), true);
  assert.equal(isFull(rooms([false, true, true]), 2), false);
  assert.equal(isFull(rooms([false, false, false]), 0), false);
  assert.equal(isFull(rooms([]), 1), false);
});

Deno.test("lobby.createGame past MAX_GAMES_IN_PLAY is SERVICE_UNAVAILABLE with a sentence; tournament.startGame and /ws create_game too; a game that ends makes room", async () => {
  await using capped = await cappedServer(2);
  const { server, admin } = capped;
  // one game waiting in the lobby, one waiting for its last seat
  await admin.trpc.lobby.createGame.mutate({ ...GAME, seed: 1 });
  const second = await admin.trpc.lobby.createGame.mutate({
    ...GAME,
    seed: 2,
    houseBots: 4,
  });
  const refused = await refusal(
    admin.trpc.lobby.createGame.mutate({ ...GAME, seed: 3 }),
  );
  assert.equal(refused.data?.code, "SERVICE_UNAVAILABLE");
  assert.equal(refused.data?.httpStatus, 503);
  assert.match(
    refused.message,
    /already plays 2 games that have not ended.*MAX_GAMES_IN_PLAY.*when one of them ends/,
  );

  const spec = await houseRandomSpec({ games: 2, actionTimeoutMs: 5000 });
  const { tournament } = await admin.trpc.tournament.create.mutate(spec);
  const slot = { tournamentId: tournament.tournamentId, index: 0 };
  const tRefused = await refusal(
    admin.trpc.tournament.startGame.mutate(slot),
  );
  assert.equal(tRefused.data?.code, "SERVICE_UNAVAILABLE");
  const after = await admin.trpc.tournament.get.query(slot);
  assert.equal(after.games[0]?.status, "pending");
  assert.equal(after.games[0]?.attempts, 0);

  const { port } = server.server;
  await using host = await LegacySocket.open(
    port,
    `host?client_type=ui&token=${ADMIN}`,
  );
  await host.next();
  const legacy = await host.request({
    message_type: "create_game",
    ...GAME,
    seed: 4,
  });
  assert.equal(legacy.message_type, "error", JSON.stringify(legacy));
  assert.equal(legacy["code"], "SERVICE_UNAVAILABLE");
  assert.match(String(legacy["error"]), /MAX_GAMES_IN_PLAY/);
  assert.equal(
    await metric(server.httpUrl, M.refused, { limit: "games_in_play" }),
    3,
  );

  // the second game's last seat: it starts, plays to its end, makes room
  const mine = await within(
    runBot({ url: server.wsUrl, gameId: second.gameId, name: "Mine" }),
    30_000,
    "the agent plays to the end",
  );
  assert.equal(mine.playerId, "p5");
  let made: { gameId: string } | undefined;
  for (let i = 0; i < 100 && made === undefined; i++) {
    made = await admin.trpc.lobby.createGame.mutate({ ...GAME, seed: 5 })
      .catch(() => new Promise((r) => setTimeout(r, 20)).then(() => undefined));
  }
  assert.ok(made, "no room after a game ended");
  assert.equal(
    (await refusal(admin.trpc.lobby.createGame.mutate({ ...GAME, seed: 6 })))
      .data?.code,
    "SERVICE_UNAVAILABLE",
  );
});

Deno.test("lobby.createGame: games being created count, so of three sent at once under MAX_GAMES_IN_PLAY 1 exactly one is made", async () => {
  await using capped = await cappedServer(1);
  const { server, admin } = capped;
  const sent = await Promise.allSettled(
    [1, 2, 3].map((seed) =>
      admin.trpc.lobby.createGame.mutate({ ...GAME, seed })
    ),
  );
  assert.deepEqual(sent.map((s) => s.status).sort(), [
    "fulfilled",
    "rejected",
    "rejected",
  ]);
  assert.equal(await metric(server.httpUrl, M.games), 1);
});

Deno.test("MAX_GAMES_IN_PLAY does not refuse the games a restart resumes; new ones wait for room", async () => {
  const dir = await Deno.makeTempDir({ prefix: "in-play-" });
  try {
    const ids: string[] = [];
    {
      await using first = await startTestServer({
        ...openLimits(ADMIN),
        dataDir: dir,
      });
      await using ui = connectClient(first.wsUrl, {
        clientType: "ui",
        token: ADMIN,
      });
      for (const seed of [1, 2, 3]) {
        const made = await ui.trpc.lobby.createGame.mutate({ ...GAME, seed });
        ids.push(made.gameId);
      }
    }
    await using again = await startTestServer({
      ...openLimits(ADMIN),
      dataDir: dir,
      maxGamesInPlay: 2,
    });
    await using ui = connectClient(again.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    const waiting = await ui.trpc.lobby.listGames.query({ status: "waiting" });
    assert.deepEqual(waiting.map((g) => g.gameId).sort(), [...ids].sort());
    // all three are back in play (the census counts the rooms in memory)
    assert.equal(
      await metric(again.httpUrl, M.games, { status: "waiting" }),
      3,
    );
    const refused = await refusal(
      ui.trpc.lobby.createGame.mutate({ ...GAME, seed: 4 }),
    );
    assert.equal(refused.data?.code, "SERVICE_UNAVAILABLE");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

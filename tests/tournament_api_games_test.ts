/**
 * `tournament.startGame` and `tournament.finishGame` on each store: the slot's
 * game with its seed and deal, replays of a slot whose game did not end, and
 * the end written once.
 * @module
 */
import assert from "node:assert/strict";
import { scheduleOf } from "../tournament/mod.ts";
import { connectClient, startTestServer } from "./_helpers.ts";
import { scrape, valueOf } from "./_metrics.ts";
import { METRICS } from "../src/server/mod.ts";
import { storeTest } from "./_redis.ts";
import { ADMIN, codeOf, LIMITS, playSlot, spec } from "./_tournament_api.ts";

storeTest(
  "tournament.startGame creates the slot's game with its seed and deal, replays a slot whose game did not end (marked), and finishGame writes the end once",
  async (store) => {
    await using server = await startTestServer({ ...LIMITS, ...store });
    await using admin = connectClient(server.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    const input = await spec();
    const { tournament } = await admin.trpc.tournament.create.mutate(input);
    const tournamentId = tournament.tournamentId;
    const first = await admin.trpc.tournament.startGame.mutate({
      tournamentId,
      index: 1,
    });
    assert.deepEqual([first.attempt, first.ended], [1, false]);
    const created = (await admin.trpc.game.transcript.query({
      gameId: first.gameId,
    })).events[0]!;
    const game = scheduleOf(input)[1]!;
    assert.ok(created.type === "game_created");
    assert.equal(created.seed, game.seed);
    assert.deepEqual(created.deal, game.seats.map((s) => s.role));
    assert.equal(
      await codeOf(admin.trpc.tournament.finishGame.mutate({
        tournamentId,
        index: 1,
        gameId: first.gameId,
      })),
      "PRECONDITION_FAILED",
    );
    // nobody played it: started again, it is replayed as a new game
    const { started, refusals } = await playSlot(admin, server.wsUrl, {
      tournamentId,
      index: 1,
      spec: input,
    });
    assert.equal(started.attempt, 2);
    assert.notEqual(started.gameId, first.gameId);
    assert.equal(
      await codeOf(admin.trpc.tournament.finishGame.mutate({
        tournamentId,
        index: 1,
        gameId: first.gameId,
      })),
      "CONFLICT",
    );
    const ended = await admin.trpc.tournament.finishGame.mutate({
      tournamentId,
      index: 1,
      gameId: started.gameId,
      refusals,
    });
    assert.deepEqual([ended.status, ended.attempts, ended.replayed], [
      "ended",
      2,
      true,
    ]);
    const twice = await admin.trpc.tournament.finishGame.mutate({
      tournamentId,
      index: 1,
      gameId: started.gameId,
    });
    assert.deepEqual(twice, ended);
    assert.equal(
      await codeOf(admin.trpc.tournament.startGame.mutate({
        tournamentId,
        index: 1,
      })),
      "PRECONDITION_FAILED",
    );
    const results = await admin.trpc.tournament.results.query({ tournamentId });
    assert.equal(results.counts.games, 1);
    assert.deepEqual(results.games.map((g) => g.id), [started.gameId]);
    assert.deepEqual(results.replayed, [started.gameId]);
    const view = await admin.trpc.tournament.get.query({ tournamentId });
    assert.equal(view.done, 1);
    assert.deepEqual(view.games.map((g) => g.status), [
      "pending",
      "ended",
      "pending",
      "pending",
    ]);
    // two starts (the replay counts again), one end, whatever finishGame repeats
    const text = await scrape(server.httpUrl);
    const { name } = METRICS.tournamentGames;
    assert.equal(valueOf(text, name, { event: "game_started" }), 2);
    assert.equal(valueOf(text, name, { event: "game_ended" }), 1);
  },
);

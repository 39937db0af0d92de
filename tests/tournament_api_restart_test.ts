/**
 * A tournament, its slots and its progress kept across a restart on the same
 * store (SQLite's DATA_DIR, Redis's REDIS_URL).
 * @module
 */
import assert from "node:assert/strict";
import type { TournamentEvent } from "../src/mod.ts";
import { Collector, connectClient, startTestServer } from "./_helpers.ts";
import { storeTest } from "./_redis.ts";
import { ADMIN, LIMITS, playSlot, spec } from "./_tournament_api.ts";

storeTest(
  "a tournament, its slots and progress survive a restart on the same store (SQLite: DATA_DIR, schema version 3; Redis: REDIS_URL)",
  async (store) => {
    {
      const input = await spec();
      let tournamentId: string;
      let gameId: string;
      {
        await using server = await startTestServer({ ...LIMITS, ...store });
        await using admin = connectClient(server.wsUrl, {
          clientType: "ui",
          token: ADMIN,
        });
        const { tournament } = await admin.trpc.tournament.create.mutate(input);
        tournamentId = tournament.tournamentId;
        const { started, refusals } = await playSlot(admin, server.wsUrl, {
          tournamentId,
          index: 2,
          spec: input,
        });
        gameId = started.gameId;
        await admin.trpc.tournament.finishGame.mutate({
          tournamentId,
          index: 2,
          gameId,
          refusals,
        });
      }
      await using server = await startTestServer({ ...LIMITS, ...store });
      await using admin = connectClient(server.wsUrl, {
        clientType: "ui",
        token: ADMIN,
      });
      const again = await admin.trpc.tournament.create.mutate(input);
      assert.equal(again.created, false);
      assert.equal(again.tournament.tournamentId, tournamentId);
      assert.equal(again.tournament.games[2]!.status, "ended");
      assert.equal(again.tournament.games[2]!.gameId, gameId);
      const results = await admin.trpc.tournament.results.query({
        tournamentId,
      });
      assert.deepEqual(results.games.map((g) => g.id), [gameId]);
      const got = new Collector<{ id: string; data: TournamentEvent }>();
      const sub = admin.trpc.tournament.progress.subscribe({ tournamentId }, {
        onData: got.push,
      });
      const events = await got.until(2);
      sub.unsubscribe();
      assert.deepEqual(events.map((e) => e.data.type), [
        "game_started",
        "game_ended",
      ]);
    }
  },
);

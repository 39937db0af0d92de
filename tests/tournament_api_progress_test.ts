/**
 * `tournament.progress` resumed after lastEventId, the results over HTTP (JSON
 * and CSV), and the tournament's seed kept to the admin until the end.
 * @module
 */
import assert from "node:assert/strict";
import type { TournamentEvent } from "../src/mod.ts";
import { gamesCsv, ResultsSchema } from "../tournament/mod.ts";
import { Collector, connectClient, startTestServer } from "./_helpers.ts";
import { storeTest } from "./_redis.ts";
import { ADMIN, LIMITS, playSlot, spec } from "./_tournament_api.ts";

storeTest(
  "tournament.progress tracks each event with its seq and resumes after lastEventId; GET /tournaments/{id}/results.json and results.csv serve the results; the tournament's seed is the admin's until the end",
  async (store) => {
    await using server = await startTestServer({ ...LIMITS, ...store });
    await using admin = connectClient(server.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    await using watcher = connectClient(server.wsUrl, { clientType: "ui" });
    const input = await spec();
    const { tournament } = await admin.trpc.tournament.create.mutate(input);
    const tournamentId = tournament.tournamentId;
    const got = new Collector<{ id: string; data: TournamentEvent }>();
    const live = watcher.trpc.tournament.progress.subscribe({ tournamentId }, {
      onData: got.push,
    });
    const { started, refusals } = await playSlot(admin, server.wsUrl, {
      tournamentId,
      index: 0,
      spec: input,
    });
    await admin.trpc.tournament.finishGame.mutate({
      tournamentId,
      index: 0,
      gameId: started.gameId,
      refusals,
    });
    const [a, b] = await got.until(2);
    live.unsubscribe();
    assert.deepEqual([a!.id, a!.data.type, a!.data.done], [
      "1",
      "game_started",
      0,
    ]);
    assert.deepEqual([b!.id, b!.data.type, b!.data.done, b!.data.total], [
      "2",
      "game_ended",
      1,
      4,
    ]);
    const after = new Collector<{ id: string; data: TournamentEvent }>();
    const resumed = watcher.trpc.tournament.progress.subscribe({
      tournamentId,
      lastEventId: "1",
    }, { onData: after.push });
    const [only] = await after.until(1);
    resumed.unsubscribe();
    assert.deepEqual([only!.id, only!.data.type], ["2", "game_ended"]);
    assert.equal(after.items.length, 1);

    const json = await fetch(
      `${server.httpUrl}/tournaments/${tournamentId}/results.json`,
    );
    assert.equal(json.status, 200);
    const results = ResultsSchema.parse(await json.json());
    assert.equal(results.counts.games, 1);
    // the tournament's seed gives every game's seed and deal: hidden from
    // anyone but the admin (and the god view) while games remain
    assert.equal(results.bootstrap.seed, null);
    const seen = await watcher.trpc.tournament.get.query({ tournamentId });
    assert.equal(seen.schedule.seed, undefined);
    assert.equal(seen.bootstrapSeed, undefined);
    const full = await admin.trpc.tournament.get.query({ tournamentId });
    assert.equal(full.schedule.seed, input.schedule.seed);
    assert.equal(full.bootstrapSeed, input.bootstrapSeed);
    const mine = await admin.trpc.tournament.results.query({ tournamentId });
    assert.equal(mine.bootstrap.seed, input.bootstrapSeed);
    const csv = await fetch(
      `${server.httpUrl}/tournaments/${tournamentId}/results.csv`,
    );
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(await csv.text(), gamesCsv(results));
    const missing = await fetch(
      `${server.httpUrl}/tournaments/t-000000000000/results.json`,
    );
    assert.equal(missing.status, 404);
    assert.match((await missing.json()).error, /No tournament t-000000000000/);
  },
);

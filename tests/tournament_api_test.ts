/**
 * `tournament.*` through real sockets with the official client: create
 * idempotent by key, the server's games made from the schedule (seed and
 * deal), replays of a slot whose game did not end, the end written once,
 * the progress subscription resumed with `lastEventId`, the results over
 * HTTP, and everything kept across a restart on the same DATA_DIR.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { TournamentCreateInput, TournamentEvent } from "../src/mod.ts";
import { gamesCsv, ResultsSchema, scheduleOf } from "../tournament/mod.ts";
import { houseRandomSpec, openLimits, playSlotGame } from "./_house_random.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  type TestClient,
} from "./_helpers.ts";
import { scrape, valueOf } from "./_metrics.ts";
import { METRICS } from "../src/server/mod.ts";
import { storeTest } from "./_redis.ts";

const ADMIN = "tournament-api-admin";
const LIMITS = openLimits(ADMIN);

function spec(games = 4): Promise<TournamentCreateInput> {
  return houseRandomSpec({
    name: "api",
    games,
    actionTimeoutMs: 5000,
    seed: 77,
  });
}

/** The error code of a call that must fail. */
async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof TRPCClientError, String(error));
  return error.data?.code;
}

/** Plays slot `index`'s game to its end with the schedule's bots. */
async function playSlot(
  admin: TestClient,
  url: string,
  input: { tournamentId: string; index: number; spec: TournamentCreateInput },
) {
  const started = await admin.trpc.tournament.startGame.mutate(input);
  const refusals = await playSlotGame(url, {
    spec: input.spec,
    index: input.index,
    gameId: started.gameId,
  });
  return { started, refusals };
}

storeTest(
  "tournament.create is idempotent by key, refuses another spec under the same key (CONFLICT), a non-admin (FORBIDDEN) and a schedule that cannot be built (BAD_REQUEST)",
  async (store) => {
    await using server = await startTestServer({ ...LIMITS, ...store });
    await using admin = connectClient(server.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    await using guest = connectClient(server.wsUrl, { clientType: "ui" });
    const input = await spec();
    const first = await admin.trpc.tournament.create.mutate(input);
    assert.equal(first.created, true);
    assert.equal(first.tournament.total, 4);
    assert.deepEqual(first.tournament.games.map((g) => g.status), [
      "pending",
      "pending",
      "pending",
      "pending",
    ]);
    const again = await admin.trpc.tournament.create.mutate(input);
    assert.equal(again.created, false);
    assert.equal(again.tournament.tournamentId, first.tournament.tournamentId);
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        bootstrapSeed: 1,
      })),
      "CONFLICT",
    );
    assert.equal(
      await codeOf(guest.trpc.tournament.create.mutate({ ...input, key: "g" })),
      "FORBIDDEN",
    );
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        key: "one-agent",
        agents: ["house"],
      })),
      "BAD_REQUEST",
    );
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        key: "three-seers",
        settings: {
          ...input.settings,
          roles: { werewolf: 1, seer: 3, villager: 2 },
        },
      })),
      "BAD_REQUEST",
    );
    const list = await guest.trpc.tournament.list.query();
    assert.deepEqual(list.map((t) => t.tournamentId), [
      first.tournament.tournamentId,
    ]);
    // an unknown tournament is NOT_FOUND, its progress subscription too
    const unknown = { tournamentId: "t-000000000000" };
    assert.equal(
      await codeOf(guest.trpc.tournament.get.query(unknown)),
      "NOT_FOUND",
    );
    const refused = await new Promise<unknown>((resolve) => {
      guest.trpc.tournament.progress.subscribe(unknown, {
        onData: () => resolve(new Error("progress of an unknown tournament")),
        onError: resolve,
      });
    });
    assert.equal(await codeOf(Promise.reject(refused)), "NOT_FOUND");
  },
);

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

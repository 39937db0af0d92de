/**
 * Tournaments shared by the instances of one Redis: registered through one
 * instance, read (get, list, results, progress, live) and played through
 * another; and the TournamentStore port's rules (a key names one
 * tournament, an event's seq is written once) on every store.
 * @module
 */
import assert from "node:assert/strict";
import type { TournamentCreateInput, TournamentEvent } from "../src/mod.ts";
import {
  MemoryTournamentStore,
  type StoredTournament,
  TournamentSeqTaken,
  type TournamentStore,
} from "../src/game/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { houseRandomSpec, openLimits, playSlotGame } from "./_house_random.ts";
import { Collector, connectClient, startTestServer } from "./_helpers.ts";
import { REDIS_AVAILABLE, redisStore, startRedis } from "./_redis.ts";

const ADMIN = "tournament-cluster-admin";
const LIMITS = openLimits(ADMIN);

function spec(key?: string): Promise<TournamentCreateInput> {
  return houseRandomSpec({ name: "cluster", seed: 5 }, key);
}

/** Plays game `gameId` of slot `index` to its end through `url`'s bots. */
function play(
  url: string,
  input: { spec: TournamentCreateInput; index: number; gameId: string },
): Promise<Record<string, number>> {
  return playSlotGame(url, input);
}

Deno.test({
  name:
    "a tournament created through instance A is read through instance B (get, list, results, progress, a live subscriber on B hearing A's events); a slot started on B is replayed through A (event 2 after B's 1), played on B and its end written through A",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using redis = await startRedis();
    const shared = { ...LIMITS, redisUrl: redis.url };
    await using a = await startTestServer({ ...shared, instanceId: "ta" });
    await using b = await startTestServer({ ...shared, instanceId: "tb" });
    await using adminA = connectClient(a.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    await using adminB = connectClient(b.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    const input = await spec();
    const { tournament } = await adminA.trpc.tournament.create.mutate(input);
    const tournamentId = tournament.tournamentId;
    const again = await adminB.trpc.tournament.create.mutate(input);
    assert.deepEqual([again.created, again.tournament.tournamentId], [
      false,
      tournamentId,
    ]);
    const seen = await adminB.trpc.tournament.get.query({ tournamentId });
    assert.deepEqual(seen.games.map((g) => g.status), ["pending", "pending"]);
    assert.deepEqual(
      (await adminB.trpc.tournament.list.query()).map((t) => t.tournamentId),
      [tournamentId],
    );
    // subscribed on B before any event: hears A's events live too
    const live = new Collector<{ id: string; data: TournamentEvent }>();
    const liveSub = adminB.trpc.tournament.progress.subscribe(
      { tournamentId },
      { onData: live.push },
    );
    const started = await adminB.trpc.tournament.startGame.mutate({
      tournamentId,
      index: 0,
    });
    assert.equal(started.attempt, 1);
    const onA = await adminA.trpc.tournament.get.query({ tournamentId });
    assert.deepEqual([onA.games[0]!.status, onA.games[0]!.gameId], [
      "playing",
      started.gameId,
    ]);
    // the game has not ended: A refuses its end, with the game B created
    await assert.rejects(
      adminA.trpc.tournament.finishGame.mutate({
        tournamentId,
        index: 0,
        gameId: started.gameId,
      }),
      /has not ended/,
    );
    // started again through A: a replay numbered after B's event
    const replay = await adminA.trpc.tournament.startGame.mutate({
      tournamentId,
      index: 0,
    });
    assert.equal(replay.attempt, 2);
    const refusals = await play(b.wsUrl, {
      spec: input,
      index: 0,
      gameId: replay.gameId,
    });
    const ended = await adminA.trpc.tournament.finishGame.mutate({
      tournamentId,
      index: 0,
      gameId: replay.gameId,
      refusals,
    });
    assert.deepEqual([ended.status, ended.replayed], ["ended", true]);
    const results = await adminB.trpc.tournament.results.query({
      tournamentId,
    });
    assert.deepEqual(results.games.map((g) => g.id), [replay.gameId]);
    assert.deepEqual(results.replayed, [replay.gameId]);
    const got = new Collector<{ id: string; data: TournamentEvent }>();
    const sub = adminB.trpc.tournament.progress.subscribe({ tournamentId }, {
      onData: got.push,
    });
    const events = await got.until(3);
    sub.unsubscribe();
    const heard = await live.until(3);
    liveSub.unsubscribe();
    assert.deepEqual(
      heard.map((e) => [e.id, e.data.type]),
      events.map((e) => [e.id, e.data.type]),
    );
    assert.deepEqual(
      events.map((e) => [e.id, e.data.type, e.data.gameId, e.data.done]),
      [
        ["1", "game_started", started.gameId, 0],
        ["2", "game_started", replay.gameId, 0],
        ["3", "game_ended", replay.gameId, 1],
      ],
    );
  },
});

function stored(id: string, spec: TournamentCreateInput): StoredTournament {
  return { tournamentId: id, spec, createdAt: 1 };
}

/** The port's rules on `store`. */
async function portRules(store: TournamentStore): Promise<void> {
  const input = await spec("port-rules");
  const [first, second] = await Promise.all([
    store.createTournament(stored("t-first", input)),
    store.createTournament(stored("t-second", input)),
  ]);
  assert.equal(first.tournamentId, second.tournamentId);
  assert.deepEqual((await store.tournaments()).map((t) => t.tournamentId), [
    first.tournamentId,
  ]);
  const id = first.tournamentId;
  const slot = { ...(await store.slots(id))[1]!, status: "playing" as const };
  const event: TournamentEvent = {
    seq: 1,
    at: 2,
    type: "game_started",
    index: 1,
    gameId: "g-1",
    attempt: 1,
    done: 0,
    total: 2,
  };
  await store.saveSlot(id, { ...slot, gameId: "g-1", attempts: 1 }, event);
  await assert.rejects(
    store.saveSlot(id, { ...slot, gameId: "g-2", attempts: 1 }, {
      ...event,
      gameId: "g-2",
    }),
    TournamentSeqTaken,
  );
  assert.equal((await store.slots(id))[1]!.gameId, "g-1");
  assert.deepEqual(await store.tournamentEvents(id, 0), [event]);
  assert.deepEqual(await store.tournamentEvents(id, 1), []);
}

Deno.test("TournamentStore (memory, SQLite) answers the first tournament of a key to every create and refuses an event seq written already, writing nothing", async () => {
  await portRules(new MemoryTournamentStore());
  const sqlite = new SqliteGameStore(":memory:");
  try {
    await portRules(sqlite.tournaments);
  } finally {
    sqlite.close();
  }
});

Deno.test({
  name:
    "RedisTournamentStore answers the first tournament of a key to concurrent creates and refuses an event seq written already, writing nothing",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    const store = await redisStore();
    try {
      await portRules(store.tournaments);
    } finally {
      await store.close();
    }
  },
});

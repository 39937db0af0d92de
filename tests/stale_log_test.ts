import assert from "node:assert/strict";
import {
  type CommitBatch,
  GameError,
  type GameRoom,
  GameService,
  type GameStore,
  MemoryGameStore,
  StaleLogError,
} from "../src/game/mod.ts";
import { RedisGameStore } from "../src/redis/mod.ts";
import { answerAwaited, driverRng } from "../bench/_engine_player.ts";
import { FakeClock } from "./_fake_clock.ts";
import { within } from "./_helpers.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";

/**
 * A store whose next commit, once `loseNextReply` is set, is written and
 * then throws as if the connection had dropped before the answer came; the
 * `downAfter` commits after that throw without writing (the store still
 * away). With `refuseDuplicates` it also refuses an append at or below the
 * last stored seq with a StaleLogError, as the Redis store's script does.
 */
class LostReplyStore implements GameStore {
  loseNextReply = false;
  downAfter = 0;
  #inner: GameStore;
  #refuseDuplicates: boolean;

  constructor(inner: GameStore, refuseDuplicates: boolean) {
    this.#inner = inner;
    this.#refuseDuplicates = refuseDuplicates;
  }

  async commit(batches: readonly CommitBatch[]): Promise<void> {
    if (!this.loseNextReply && this.downAfter > 0) {
      this.downAfter--;
      throw new Error("The client is closed (the store is away)");
    }
    for (const batch of this.#refuseDuplicates ? batches : []) {
      const last = (await this.#inner.events(batch.gameId)).at(-1)?.seq ?? 0;
      const first = batch.events[0]?.seq;
      if (first !== undefined && first <= last) {
        throw new StaleLogError(batch.gameId, `duplicate ${first} <= ${last}`);
      }
    }
    await this.#inner.commit(batches);
    if (this.loseNextReply) {
      this.loseNextReply = false;
      throw new Error("Socket closed unexpectedly (the reply was lost)");
    }
  }
  listGames: GameStore["listGames"] = (o) => this.#inner.listGames(o);
  deleteEnded: GameStore["deleteEnded"] = (id) => this.#inner.deleteEnded(id);
  has: GameStore["has"] = (id) => this.#inner.has(id);
  events: GameStore["events"] = (id) => this.#inner.events(id);
  outcomes: GameStore["outcomes"] = (id) => this.#inner.outcomes(id);
  unfinished: GameStore["unfinished"] = () => this.#inner.unfinished();
  seat: GameStore["seat"] = (hash) => this.#inner.seat(hash);
  close: GameStore["close"] = () => this.#inner.close();
}

/** Resolves once `room` has folded the event of seq `seq`. */
async function reached(room: GameRoom, seq: number): Promise<void> {
  const stop = new AbortController();
  try {
    for await (
      const { event } of room.subscribe({ kind: "god" }, {
        signal: stop.signal,
      })
    ) {
      if (event.seq >= seq) return;
    }
  } finally {
    stop.abort();
  }
}

/** The code of the GameError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (error: unknown) => error);
  assert.ok(error instanceof GameError, `refused, got ${error}`);
  return error.code;
}

async function catchesUp(
  inner: GameStore,
  opts: { refuseDuplicates: boolean; downAfter: number },
): Promise<void> {
  const { downAfter } = opts;
  const store = new LostReplyStore(inner, opts.refuseDuplicates);
  const clock = new FakeClock();
  const games = new GameService({ clock, store, seed: () => 42 });
  try {
    const { gameId } = await games.create({
      players: 5,
      actionTimeoutMs: 60_000,
      discussionRounds: 1,
    });
    for (let i = 0; i < 5; i++) await games.join(gameId, `Bot ${i}`);
    const room = await games.open(gameId);
    const rand = driverRng(3);
    const answer = () => {
      const awaited = room.state.pending[0];
      assert.ok(awaited !== undefined, "the game awaits someone");
      return { command: answerAwaited(rand, awaited, clock.time), awaited };
    };
    for (let i = 0; i < 3; i++) {
      const { command, awaited } = answer();
      await room.submit(command, {
        seat: awaited.player_id,
        actionId: `k${i}`,
      });
    }

    // A: written, but its answer lost: refused. The commit queue tries the
    // batch again at once: refused as a duplicate (the room catches up
    // there), or the store still away for it (the room stays behind).
    const a = answer();
    const keyA = { seat: a.awaited.player_id, actionId: "lost" };
    const behind = room.state.seq;
    store.loseNextReply = true;
    store.downAfter = downAfter;
    const caughtUp = reached(room, behind + 1);
    assert.equal(
      await refusal(room.submit(a.command, keyA)),
      "INTERNAL_SERVER_ERROR",
    );
    const stored = await store.events(gameId);
    assert.ok(stored.length > behind, "the store went on");
    if (downAfter > 0) {
      assert.equal(room.state.seq, behind, "the room is behind its store");
      // B: refused as a duplicate, on which the room catches up
      const b = answer();
      const keyB = { seat: b.awaited.player_id, actionId: "next" };
      assert.equal(
        await refusal(room.submit(b.command, keyB)),
        "INTERNAL_SERVER_ERROR",
      );
    }
    await within(caughtUp, 5000, "the room to catch up from the store");
    assert.deepEqual(room.log, stored);

    // the next command (decided on the caught-up state) applies
    const next = answer();
    const keyNext = { seat: next.awaited.player_id, actionId: "next" };
    const applied = await room.submit(next.command, keyNext);
    assert.equal(applied.seq, room.state.seq);
    assert.ok(applied.seq > stored.length);

    // A retried with its actionId answers the stored outcome, applied once
    const first = await room.submit(a.command, keyA);
    assert.equal(first.seq, stored.length);
    assert.deepEqual(first.events, stored.slice(-first.events.length));
    const outcomes = new Map(await store.outcomes(gameId));
    assert.deepEqual(outcomes.get(`${keyA.seat}/${keyA.actionId}`), {
      ok: true,
      seq: first.seq,
      count: first.events.length,
    });
    const log = await store.events(gameId);
    assert.deepEqual(log.map((e) => e.seq), log.map((_, i) => i + 1));
    assert.deepEqual(room.log, log);
  } finally {
    games.close();
  }
}

for (const downAfter of [0, 1]) {
  const how = downAfter === 0
    ? "its retry by the commit queue is refused as a duplicate"
    : "the store still away for its retry, the next command is refused as a duplicate";
  const then =
    "the room catches up from the store, the next command applies, and the lost command retried with its actionId answers its stored outcome, applied once";

  Deno.test(`GameService after a commit whose reply was lost (memory store refusing duplicates): ${how}; ${then}`, async () => {
    await catchesUp(new MemoryGameStore(), {
      refuseDuplicates: true,
      downAfter,
    });
  });

  Deno.test({
    name:
      `GameService after a commit whose reply was lost (RedisGameStore, Redis refusing the duplicate append): ${how}; ${then}`,
    ignore: !REDIS_AVAILABLE,
    async fn() {
      await using redis = await startRedis();
      const store = await RedisGameStore.connect({
        url: redis.url,
        instanceId: "solo",
        leaseMs: 60_000,
      });
      try {
        await catchesUp(store, { refuseDuplicates: false, downAfter });
      } finally {
        await store.close();
      }
    },
  });
}

import assert from "node:assert/strict";
import {
  type ActionKey,
  type CommitBatch,
  GameService,
  MemoryGameStore,
} from "../src/game/mod.ts";
import { nextDeadline } from "../src/engine/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { answerAwaited, driverRng } from "../bench/_engine_player.ts";
import { FakeClock } from "./_fake_clock.ts";

type Answer = { key: ActionKey; seq?: number; code?: string };

/** Plays `steps` keyed answers to whatever the game awaits. */
async function play(
  service: GameService,
  gameId: string,
  clock: FakeClock,
  steps: number,
): Promise<Answer[]> {
  const rand = driverRng(7);
  const answers: Answer[] = [];
  for (let i = 0; i < steps; i++) {
    const room = service.room(gameId);
    const awaited = room.state.pending[0];
    if (awaited === undefined) break;
    const key = { seat: awaited.player_id, actionId: `a${i}` };
    try {
      const { seq } = await room.submit(
        answerAwaited(rand, awaited, clock.time),
        key,
      );
      answers.push({ key, seq });
    } catch (error) {
      answers.push({ key, code: (error as { code: string }).code });
    }
  }
  return answers;
}

Deno.test("GameService.resume() brings an unfinished game back from SQLite with its log, keys, seats and deadline", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-resume-" });
  const path = `${dir}/games.db`;
  try {
    const clock = new FakeClock();
    const firstStore = new SqliteGameStore(path);
    const first = new GameService({ clock, store: firstStore, seed: () => 42 });
    const { gameId } = await first.create({
      players: 6,
      actionTimeoutMs: 1000,
      discussionRounds: 1,
    });
    const seats = [];
    for (let i = 0; i < 6; i++) {
      seats.push(await first.join(gameId, `Bot ${i}`));
    }
    const answers = await play(first, gameId, clock, 10);
    assert.ok(answers.some((a) => a.seq !== undefined), "some were accepted");
    const before = first.room(gameId);
    const log = JSON.stringify(before.log);
    const state = structuredClone(before.state);
    const deadline = nextDeadline(before.state);
    assert.notEqual(deadline, null);
    first.close();
    firstStore.close();

    // A new process: later, past the deadline that was pending.
    const clock2 = new FakeClock();
    clock2.time = clock.time + 60_000;
    const store = new SqliteGameStore(path);
    const second = new GameService({ clock: clock2, store });
    assert.equal(await second.resume(), 1);
    const room = second.room(gameId);
    assert.equal(JSON.stringify(room.log), log);
    assert.deepEqual(room.state, state);
    assert.deepEqual(clock2.timers.filter((t) => t.live).map((t) => t.at), [
      deadline,
    ]);
    for (const [i, seat] of seats.entries()) {
      assert.deepEqual(await second.seatOf(seat.seatToken), {
        gameId,
        playerId: `p${i + 1}`,
      });
    }
    // Every key answers as it did, and applies nothing again.
    for (const answer of answers) {
      const again = await room.submit(
        { type: "start", at: clock2.time },
        answer.key,
      )
        .then(({ seq }) => ({ key: answer.key, seq }))
        .catch((error) => ({ key: answer.key, code: error.code as string }));
      assert.deepEqual(again, answer);
    }
    assert.equal(JSON.stringify(room.log), log);

    // The deadline fires at once and the game plays on to its end.
    for (let i = 0; i < 300 && room.state.phase !== "ended"; i++) {
      await clock2.advance(1000);
    }
    assert.equal(room.state.phase, "ended");
    const [row] = await second.list({ status: "ended" });
    assert.equal(row?.gameId, gameId);
    assert.ok(row?.winner === "village" || row?.winner === "werewolves");
    assert.equal(await second.resume(), 0, "nothing is left to resume");
    second.close();
    store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("GameService keeps only `endedInMemory` ended games and reads older ones back from the store", async () => {
  const clock = new FakeClock();
  const store = new SqliteGameStore(":memory:");
  const service = new GameService({ clock, store, endedInMemory: 1 });
  const ids: string[] = [];
  for (let g = 0; g < 3; g++) {
    const { gameId } = await service.create({
      players: 5,
      actionTimeoutMs: 1000,
      discussionRounds: 1,
      seed: g,
    });
    for (let i = 0; i < 5; i++) await service.join(gameId, `Bot ${i}`);
    for (
      let i = 0;
      i < 300 && service.room(gameId).state.phase !== "ended";
      i++
    ) {
      await clock.advance(1000);
    }
    ids.push(gameId);
  }
  const first = ids[0] as string;
  const again = service.room(first); // read back from the store
  assert.equal(again.state.phase, "ended");
  assert.deepEqual(again.log, store.events(first));
  assert.ok(again.log.every((event) => Object.isFrozen(event)));
  assert.equal(clock.pending, 0, "an ended game arms no timer");
  assert.deepEqual(
    (await service.list({ status: "ended" })).map((row) => row.gameId),
    ids,
  );
  service.close();
  store.close();
});

Deno.test("GameService.join() stores the seat token's hash in the join's own commit", async () => {
  const clock = new FakeClock();
  const batches: CommitBatch[] = [];
  class Spy extends MemoryGameStore {
    override commit(all: readonly CommitBatch[]): void {
      batches.push(...all);
      super.commit(all);
    }
  }
  const store = new Spy();
  const service = new GameService({ clock, store });
  const { gameId } = await service.create({ players: 5 });
  const { seatToken, playerId } = await service.join(gameId, "Ana");
  const join = batches.find((b) =>
    b.events.some((e) => e.type === "player_joined")
  );
  assert.equal(join?.seat?.playerId, playerId);
  assert.match(join?.seat?.tokenHash ?? "", /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(batches).includes(seatToken), "never the token");
  assert.deepEqual(await service.seatOf(seatToken), { gameId, playerId });
  service.close();
  store.close();
});

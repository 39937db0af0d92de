import assert from "node:assert/strict";
import {
  type CommitBatch,
  GameRoom,
  GameService,
  MemoryGameStore,
} from "../src/game/mod.ts";
import { FakeClock } from "./_fake_clock.ts";
import type { GameEvent } from "../src/mod.ts";

async function game(clock: FakeClock, players = 5) {
  const service = new GameService({ clock, seed: () => 42 });
  const { gameId } = await service.create({
    players,
    actionTimeoutMs: 1000,
    discussionRounds: 1,
  });
  const seats = [];
  for (let i = 0; i < players; i++) {
    seats.push(await service.join(gameId, `Bot ${i + 1}`));
  }
  return { service, room: service.room(gameId), seats };
}

async function take<T>(gen: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) {
    const next = await gen.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

Deno.test("GameRoom times out each awaited action from the clock and the game ends by itself", async () => {
  const clock = new FakeClock();
  const { service, room } = await game(clock);
  assert.equal(room.state.phase as string, "night");
  assert.equal(clock.pending, 1);
  for (let i = 0; i < 200 && (room.state.phase as string) !== "ended"; i++) {
    await clock.advance(1000);
  }
  assert.equal(room.state.phase, "ended");
  assert.ok(room.log.some((event) => event.type === "game_over"));
  assert.ok(
    room.log.some((event) => event.type === "player_action" && event.timed_out),
  );
  assert.equal(clock.pending, 0);
  assert.ok(
    room.log.every((event) => Object.isFrozen(event)),
    "logged events are frozen, so every viewer can share one serialization",
  );
  service.close();
});

Deno.test("GameRoom.submit() applies a keyed command once and answers a retry alike", async () => {
  const clock = new FakeClock();
  const { service, room } = await game(clock);
  const length = room.log.length;
  const key = { seat: "p1", actionId: "k1" };
  const start = () => room.submit({ type: "start", at: clock.time }, key);
  const first = await start().catch((error) => error);
  const again = await start().catch((error) => error);
  assert.equal(first.code, "PRECONDITION_FAILED");
  assert.deepEqual(
    [again.name, again.code, again.message],
    [first.name, first.code, first.message],
    "the same refusal is answered",
  );
  assert.equal(room.log.length, length);
  service.close();
});

Deno.test("GameRoom.subscribe() resumes after lastEventId with no gap and no duplicate, then goes live", async () => {
  const clock = new FakeClock();
  const { service, room } = await game(clock);
  const god = { kind: "god" } as const;
  const all = room.subscribe(god);
  const firstFive = await take(all, 5);
  await all.return();
  const lastEventId = firstFive[4]?.id;
  const resumed = room.subscribe(god, { lastEventId });
  const backlog = await take(resumed, room.log.length - 5);
  assert.deepEqual(
    backlog.map((d) => d.event.seq),
    room.log.slice(5).map((e) => e.seq),
  );
  const before = room.log.length;
  await clock.advance(1000); // a timeout: new events arrive live
  assert.ok(room.log.length > before);
  const live = await take(resumed, room.log.length - before);
  assert.deepEqual(
    live.map((d) => d.event.seq),
    room.log.slice(before).map((e) => e.seq),
  );
  await resumed.return();
  service.close();
});

Deno.test("GameRoom.subscribe() ends when its signal aborts", async () => {
  const clock = new FakeClock();
  const { service, room } = await game(clock);
  const abort = new AbortController();
  const stream = room.subscribe({ kind: "public" }, {
    signal: abort.signal,
    lastEventId: String(room.log.length),
  });
  const pending = stream.next();
  abort.abort();
  assert.deepEqual(await pending, { done: true, value: undefined });
  service.close();
});

Deno.test("GameService.join() reveals a seat token that stands for that seat only", async () => {
  const clock = new FakeClock();
  const { service, room, seats } = await game(clock);
  const [a, b] = seats;
  assert.ok(a && b);
  assert.match(a.seatToken, /^st_[A-Za-z0-9_-]{32}$/);
  assert.notEqual(a.seatToken, b.seatToken);
  assert.deepEqual(await service.seatOf(a.seatToken), {
    gameId: room.gameId,
    playerId: a.playerId,
  });
  assert.equal(await service.seatOf(a.seatToken + "x"), null);
  assert.equal(await service.seatOf("st_" + "A".repeat(32)), null);
  service.close();
});

Deno.test("GameService.list() filters by status and reports players joined", async () => {
  const clock = new FakeClock();
  const service = new GameService({ clock });
  const { gameId } = await service.create({ players: 6, name: "Table" });
  await service.join(gameId, "Solo");
  const [row] = await service.list({ status: "waiting" });
  assert.equal(row?.gameId, gameId);
  assert.equal(row?.joined, 1);
  assert.equal(row?.players, 6);
  assert.equal(row?.name, "Table");
  assert.deepEqual(await service.list({ status: "running" }), []);
  const events: GameEvent[] = [...service.room(gameId).log];
  assert.equal(events[0]?.type, "game_created");
  service.close();
});

Deno.test("GameService: a command whose events the store refuses is refused, not applied, and onCommitFailure is told which game", async () => {
  class FailingStore extends MemoryGameStore {
    failing = false;
    override commit(batches: readonly CommitBatch[]): void {
      if (this.failing) throw new Error("disk full");
      super.commit(batches);
    }
  }
  const store = new FailingStore();
  const failures: [string, string][] = [];
  const service = new GameService({
    clock: new FakeClock(),
    store,
    onCommitFailure: (gameId, error) =>
      failures.push([gameId, (error as Error).message]),
  });
  const { gameId } = await service.create({ players: 6 });
  store.failing = true;
  await assert.rejects(service.join(gameId, "Solo"));
  assert.deepEqual(failures, [[gameId, "disk full"]]);
  assert.equal(service.room(gameId).state.players.length, 0, "not applied");
  store.failing = false;
  await service.join(gameId, "Solo");
  assert.equal(service.room(gameId).state.players.length, 1);
  service.close();
});

void GameRoom;

Deno.test("GameService.join() gives concurrent joiners distinct seats", async () => {
  const clock = new FakeClock();
  const service = new GameService({ clock });
  const { gameId } = await service.create({ players: 8 });
  const seats = await Promise.all(
    Array.from({ length: 8 }, (_, i) => service.join(gameId, `N${i}`)),
  );
  assert.deepEqual(
    seats.map((s) => s.playerId).sort(),
    ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
  );
  service.close();
});

Deno.test("GameRoom.subscribe() gives the subscribers of one view the same frozen live delivery, redacted and numbered for that view", async () => {
  const clock = new FakeClock();
  const { service, room } = await game(clock);
  const player = room.log.find((e) => e.type === "player_joined");
  assert.ok(player?.type === "player_joined");
  const seat = { kind: "player", player_id: player.player_id } as const;
  const views = [{ kind: "public" } as const, seat, { kind: "god" } as const];
  const streams = views.flatMap((viewer) => [
    { viewer, stream: room.subscribe(viewer, { lastEventId: "999999" }) },
    { viewer, stream: room.subscribe(viewer, { lastEventId: "999999" }) },
  ]);
  const before = room.log.length;
  await clock.advance(1000); // a timeout: new events arrive live
  assert.ok(room.log.length > before);
  const firsts = [];
  for (const { viewer, stream } of streams) {
    const next = await stream.next();
    assert.ok(!next.done);
    const delivery = next.value;
    assert.ok(Object.isFrozen(delivery) && Object.isFrozen(delivery.event));
    assert.equal(delivery.id, String(delivery.event.seq));
    const global = room.globalSeq(viewer, delivery.event.seq);
    assert.ok(global !== null && global > before, "a live event");
    assert.equal(delivery.event.type, room.log[global - 1]!.type);
    assert.equal(
      room.viewerSeq(viewer, global),
      delivery.event.seq,
      "numbered in the view's own sequence",
    );
    firsts.push(delivery);
  }
  for (let i = 0; i < firsts.length; i += 2) {
    assert.equal(firsts[i], firsts[i + 1], "one object for one view");
  }
  assert.notEqual(firsts[0], firsts[2], "another view, another delivery");
  for (const { stream } of streams) await stream.return();
  service.close();
});

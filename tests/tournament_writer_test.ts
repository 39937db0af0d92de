/**
 * SlotWriter: a slot written from a stale read (another call, on this
 * server or another, wrote it meanwhile) is refused with CONFLICT and
 * overwrites nothing; on the memory and SQLite stores.
 * @module
 */
import assert from "node:assert/strict";
import type { TournamentSlot } from "../src/mod.ts";
import {
  MemoryTournamentStore,
  type TournamentStore,
} from "../src/game/mod.ts";
import { GameError } from "../src/game/game_error.ts";
import { SlotWriter } from "../src/game/_tournament_writer.ts";
import { ProgressFeed } from "../src/game/_tournament_feed.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { FakeClock } from "./_fake_clock.ts";
import { houseRandomSpec } from "./_house_random.ts";

function writer(store: TournamentStore): SlotWriter {
  return new SlotWriter({
    store,
    clock: new FakeClock(),
    feed: new ProgressFeed(store),
  });
}

async function tournament(store: TournamentStore): Promise<string> {
  const spec = await houseRandomSpec({ name: "writer", seed: 3 });
  const t = await store.createTournament({
    tournamentId: "t-writer",
    spec,
    createdAt: 1,
  });
  return t.tournamentId;
}

function started(slot: TournamentSlot, gameId: string): TournamentSlot {
  return { ...slot, status: "playing", gameId, attempts: 1 };
}

async function staleWrites(store: TournamentStore): Promise<void> {
  const id = await tournament(store);
  const [a, b] = [writer(store), writer(store)];
  const before = (await store.slots(id))[0]!;
  // two servers decide on the same read: one write lands, the other is refused
  const results = await Promise.allSettled([
    a.save(id, { slot: started(before, "g-a"), type: "game_started", before }),
    b.save(id, { slot: started(before, "g-b"), type: "game_started", before }),
  ]);
  const landed = results.filter((r) => r.status === "fulfilled");
  const refused = results.flatMap((r) => r.status === "rejected" ? [r] : []);
  assert.equal(landed.length, 1);
  assert.equal(refused.length, 1);
  const error = refused[0]!.reason;
  assert.ok(error instanceof GameError && error.code === "CONFLICT");
  assert.match(error.message, /changed while this call ran/);
  const stored = (await store.slots(id))[0]!;
  const events = await store.tournamentEvents(id, 0);
  assert.equal(events.length, 1);
  assert.equal(stored.gameId, events[0]!.gameId);
  // one server, two calls queued on the same read: the second is refused
  const now = (await store.slots(id))[0]!;
  const ended: TournamentSlot = { ...now, status: "ended" };
  await a.save(id, { slot: ended, type: "game_ended", before: now });
  await assert.rejects(
    a.save(id, {
      slot: started(now, "g-late"),
      type: "game_started",
      before: now,
    }),
    (e: unknown) => e instanceof GameError && e.code === "CONFLICT",
  );
  assert.deepEqual((await store.slots(id))[0], ended);
  assert.deepEqual(
    (await store.tournamentEvents(id, 0)).map((e) => [e.seq, e.type]),
    [[1, "game_started"], [2, "game_ended"]],
  );
  // a write from a fresh read, on another slot, is numbered after them
  const other = (await store.slots(id))[1]!;
  await b.save(id, {
    slot: started(other, "g-1"),
    type: "game_started",
    before: other,
  });
  assert.equal((await store.tournamentEvents(id, 2))[0]!.seq, 3);
}

Deno.test("SlotWriter.save refuses a slot decided on a stale read with CONFLICT and overwrites nothing (memory, SQLite)", async () => {
  await staleWrites(new MemoryTournamentStore());
  const sqlite = new SqliteGameStore(":memory:");
  try {
    await staleWrites(sqlite.tournaments);
  } finally {
    sqlite.close();
  }
});

import assert from "node:assert/strict";
import {
  type ActionKey,
  ActionKeys,
  type GameRoom,
  GameService,
  MAX_ACCEPTED_KEYS_PER_SEAT,
  MAX_REFUSED_KEYS_PER_SEAT,
} from "../src/game/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { FakeClock } from "./_fake_clock.ts";
import { STORES } from "./_store_helpers.ts";

/** A 6-seat game at its first night, with a werewolf and a villager-side seat. */
async function nightGame(service: GameService) {
  const { gameId } = await service.create({
    players: 6,
    seed: 42,
    actionTimeoutMs: 60_000,
    discussionRounds: 1,
  });
  for (let i = 0; i < 6; i++) await service.join(gameId, `Bot ${i + 1}`);
  const room = service.room(gameId);
  assert.equal(room.state.phase, "night");
  const wolf = room.state.players.find((p) => p.role === "werewolf")?.id;
  const other = room.state.players.find((p) => p.role !== "werewolf")?.id;
  assert.ok(wolf !== undefined && other !== undefined);
  return { gameId, room, wolf, other };
}

/** `count` votes of `seat` at night (each refused), `batch` at a time. */
async function floodRefusedVotes(
  room: GameRoom,
  seat: string,
  options: { count: number; at: number; batch?: number; prefix?: string },
): Promise<void> {
  const batch = options.batch ?? 2500;
  for (let from = 0; from < options.count; from += batch) {
    const calls = [];
    for (let i = from; i < Math.min(from + batch, options.count); i++) {
      const key = { seat, actionId: `${options.prefix ?? "vote"}-${i}` };
      calls.push(
        room.submit({
          type: "vote",
          at: options.at,
          player_id: seat,
          target: null,
        }, key).then(
          () => "accepted",
          (error) => error.code as string,
        ),
      );
    }
    const codes = new Set(await Promise.all(calls));
    assert.deepEqual([...codes], ["PRECONDITION_FAILED"], "every vote refused");
  }
}

function say(room: GameRoom, wolf: string, at: number, key: ActionKey) {
  return room.submit({ type: "say", at, player_id: wolf, text: "hello" }, key);
}

function hellos(room: GameRoom): number {
  return room.log.filter((e) =>
    e.type === "agent_message" && e.message_text === "hello"
  ).length;
}

for (const [name, make] of STORES) {
  Deno.test(`GameRoom with ${name}: a werewolf's resent say is applied once after another seat floods 20,000 refused votes`, async () => {
    const clock = new FakeClock();
    const store = await make();
    const service = new GameService({ clock, store, seed: () => 42 });
    const { gameId, room, wolf, other } = await nightGame(service);
    const key = { seat: wolf, actionId: "say-1" };
    const first = await say(room, wolf, clock.time, key);
    assert.equal(hellos(room), 1);

    await floodRefusedVotes(room, other, { count: 20_000, at: clock.time });

    const again = await say(room, wolf, clock.time, key);
    assert.deepEqual(again, first, "answered as the first time");
    assert.equal(hellos(room), 1, "applied once");
    // The store keeps no more than the room: the flooder's newest refusals.
    const kept = (await store.outcomes(gameId)).filter(([k]) =>
      k.startsWith(`${other}/`)
    );
    assert.equal(kept.length, MAX_REFUSED_KEYS_PER_SEAT);
    assert.equal(
      kept[0]?.[0],
      `${other}/vote-${20_000 - MAX_REFUSED_KEYS_PER_SEAT}`,
    );
    assert.equal(kept.at(-1)?.[0], `${other}/vote-19999`);
    assert.deepEqual(
      (await store.outcomes(gameId)).filter(([k]) => k.startsWith(`${wolf}/`)),
      [[`${wolf}/say-1`, { ok: true, seq: first.seq, count: 1 }]],
    );
    service.close();
    await store.close();
  });

  Deno.test(`GameRoom with ${name}: a seat's own refusals never evict its accepted keys`, async () => {
    const clock = new FakeClock();
    const store = await make();
    const service = new GameService({ clock, store, seed: () => 42 });
    const { room, wolf } = await nightGame(service);
    const key = { seat: wolf, actionId: "say-1" };
    const first = await say(room, wolf, clock.time, key);
    await floodRefusedVotes(room, wolf, {
      count: 2 * MAX_REFUSED_KEYS_PER_SEAT,
      at: clock.time,
    });
    assert.deepEqual(await say(room, wolf, clock.time, key), first);
    assert.equal(hellos(room), 1);
    service.close();
    await store.close();
  });
}

Deno.test("GameRoom: the same actionId of two seats is two keys", async () => {
  const clock = new FakeClock();
  const service = new GameService({ clock, seed: () => 42 });
  const { room } = await nightGame(service);
  const wolves = room.state.players.filter((p) => p.role === "werewolf");
  assert.equal(wolves.length, 2);
  const seqs = [];
  for (const { id } of wolves) {
    seqs.push(
      (await say(room, id, clock.time, { seat: id, actionId: "a" })).seq,
    );
  }
  assert.equal(hellos(room), 2, "each seat's say is applied");
  assert.notEqual(seqs[0], seqs[1]);
  const wolf = wolves[0]!.id;
  const length = room.log.length;
  assert.throws(() =>
    room.submit({ type: "say", at: clock.time, player_id: wolf, text: "x" }, {
      seat: `${wolf}/x`,
      actionId: "a",
    })
  );
  await say(room, wolf, clock.time, { seat: wolf, actionId: "b" });
  assert.equal(room.log.length, length + 1, "the bad key ran nothing");
  service.close();
});

Deno.test("GameService.resume() after a flood keeps each seat's newest keys and answers a resent say as the first time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-keys-" });
  const path = `${dir}/games.db`;
  try {
    const clock = new FakeClock();
    const firstStore = new SqliteGameStore(path, { sync: "normal" });
    const first = new GameService({ clock, store: firstStore, seed: () => 42 });
    const { gameId, room, wolf, other } = await nightGame(first);
    const key = { seat: wolf, actionId: "say-1" };
    const said = await say(room, wolf, clock.time, key);
    const count = MAX_REFUSED_KEYS_PER_SEAT + 500;
    await floodRefusedVotes(room, other, { count, at: clock.time, batch: 500 });
    const before = firstStore.outcomes(gameId);
    first.close();
    firstStore.close();

    const store = new SqliteGameStore(path);
    const second = new GameService({ clock, store });
    assert.equal(await second.resume(), 1);
    assert.deepEqual(store.outcomes(gameId), before, "kept in write order");
    const kept = before.filter(([k]) => k.startsWith(`${other}/`)).map(([k]) =>
      k
    );
    assert.deepEqual(
      kept,
      Array.from(
        { length: MAX_REFUSED_KEYS_PER_SEAT },
        (_, i) => `${other}/vote-${count - MAX_REFUSED_KEYS_PER_SEAT + i}`,
      ),
      "the newest refusals, oldest first",
    );
    const resumed = second.room(gameId);
    const log = resumed.log.length;
    assert.deepEqual(await say(resumed, wolf, clock.time, key), said);
    assert.equal(resumed.log.length, log, "not applied again");
    assert.equal(hellos(resumed), 1);
    // The restored room has the live bounds: one more refusal evicts the oldest.
    await floodRefusedVotes(resumed, other, {
      count: 1,
      at: clock.time,
      prefix: "late",
    });
    const after = store.outcomes(gameId).filter(([k]) =>
      k.startsWith(`${other}/`)
    );
    assert.equal(after.length, MAX_REFUSED_KEYS_PER_SEAT);
    assert.equal(after[0]?.[0], kept[1]);
    assert.equal(after.at(-1)?.[0], `${other}/late-0`);
    second.close();
    await store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ActionKeys bounds each seat's accepted and refused keys apart and evicts only that seat's oldest of the same kind", () => {
  const keys = new ActionKeys();
  const accepted = { ok: true, seq: 1, count: 1 } as const;
  const refused = { ok: false, code: "BAD_REQUEST", message: "no" } as const;
  keys.keep({ seat: "p2", actionId: "mine" }, accepted);
  keys.keep({ seat: "p2", actionId: "refused" }, refused);
  for (let i = 0; i < MAX_ACCEPTED_KEYS_PER_SEAT; i++) {
    const key = { seat: "p1", actionId: `a${i}` };
    if (i === 0) assert.equal(keys.evicted(key, true), undefined);
    keys.keep(key, accepted);
  }
  for (let i = 0; i < MAX_REFUSED_KEYS_PER_SEAT; i++) {
    keys.keep({ seat: "p1", actionId: `r${i}` }, refused);
  }
  const nextAccepted = { seat: "p1", actionId: "a-next" };
  const nextRefused = { seat: "p1", actionId: "r-next" };
  assert.equal(keys.evicted(nextAccepted, true), "p1/a0");
  assert.equal(keys.evicted(nextRefused, false), "p1/r0");
  keys.keep(nextAccepted, accepted);
  keys.keep(nextRefused, refused);
  assert.equal(keys.find({ seat: "p1", actionId: "a0" }), undefined);
  assert.equal(keys.find({ seat: "p1", actionId: "r0" }), undefined);
  assert.deepEqual(keys.find({ seat: "p1", actionId: "a1" }), accepted);
  assert.deepEqual(keys.find({ seat: "p1", actionId: "r1" }), refused);
  assert.deepEqual(keys.count("p1"), {
    pending: 0,
    accepted: MAX_ACCEPTED_KEYS_PER_SEAT,
    refused: MAX_REFUSED_KEYS_PER_SEAT,
  });
  assert.deepEqual(keys.count("p2"), { pending: 0, accepted: 1, refused: 1 });
  assert.deepEqual(keys.find({ seat: "p2", actionId: "mine" }), accepted);
});

Deno.test("README states the per-seat key bounds as action_keys.ts defines them", async () => {
  const readme = (await Deno.readTextFile(
    new URL("../README.md", import.meta.url),
  )).replace(/\s+/g, " ");
  const bounds = {
    MAX_ACCEPTED_KEYS_PER_SEAT,
    MAX_REFUSED_KEYS_PER_SEAT,
  };
  for (const [name, value] of Object.entries(bounds)) {
    const stated = `\`${name}\` = ${value.toLocaleString("en-US")}`;
    assert.ok(readme.includes(stated), `README says ${stated}`);
  }
  const rows = 18 * (MAX_REFUSED_KEYS_PER_SEAT + MAX_ACCEPTED_KEYS_PER_SEAT);
  const sum = `18 seats × (${
    MAX_REFUSED_KEYS_PER_SEAT.toLocaleString("en-US")
  } + ${MAX_ACCEPTED_KEYS_PER_SEAT.toLocaleString("en-US")})`;
  assert.ok(readme.includes(sum), `README bounds a game's key rows: ${rows}`);
});

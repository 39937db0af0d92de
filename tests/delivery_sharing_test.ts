import assert from "node:assert/strict";
import { GameService } from "../src/game/mod.ts";
import type { Delivery, DeliveryStream } from "../src/game/mod.ts";
import { FakeClock } from "./_fake_clock.ts";

/** Everything ready on `stream` now, then the stream ended. */
async function ready(stream: DeliveryStream): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (let next = stream.poll(); next !== undefined; next = stream.poll()) {
    if (next.done) break;
    out.push(next.value);
  }
  await stream.return();
  return out;
}

Deno.test("GameRoom live fan-out: a view's only subscriber gets its own unfrozen deliveries, a shared view one frozen object, and both equal what a replay from the start gives", async () => {
  const clock = new FakeClock();
  const service = new GameService({ clock, seed: () => 11 });
  const { gameId } = await service.create({
    players: 5,
    actionTimeoutMs: 1000,
    discussionRounds: 1,
  });
  const room = service.room(gameId);
  const alone = room.subscribe({ kind: "public" }, { lastEventId: "0" });
  const seats = [];
  for (let i = 0; i < 5; i++) {
    seats.push((await service.join(gameId, `Bot ${i + 1}`)).playerId);
  }
  const seat = { kind: "player", player_id: seats[0]! } as const;
  const live = "999999"; // only what comes from now on
  const twins = [
    room.subscribe(seat, { lastEventId: live }),
    room.subscribe(seat, { lastEventId: live }),
  ];
  const from = room.viewerSeq(seat, room.state.seq);
  for (let i = 0; i < 300 && room.state.phase !== "ended"; i++) {
    await clock.advance(1000);
  }
  assert.equal(room.state.phase, "ended");

  const single = await ready(alone);
  const [a, b] = [await ready(twins[0]!), await ready(twins[1]!)];
  assert.ok(single.length > 20 && a.length > 20);
  assert.ok(single.some((d) => !Object.isFrozen(d.event)), "not frozen alone");
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.equal(a[i], b[i], "one object for the two subscribers of a view");
    assert.ok(Object.isFrozen(a[i]) && Object.isFrozen(a[i]!.event));
  }
  // a replay from the start (the backlog's own redaction) gives the same
  const publicReplay = await ready(room.subscribe({ kind: "public" }));
  assert.deepEqual(single, publicReplay.slice(0, single.length));
  const seatReplay = await ready(room.subscribe(seat));
  assert.deepEqual(a, seatReplay.slice(from, from + a.length));
  service.close();
});

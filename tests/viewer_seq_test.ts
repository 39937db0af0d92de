import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import { redact, type Viewer } from "../src/engine/mod.ts";
import {
  type Delivery,
  type DeliveryStream,
  type GameRoom,
  GameService,
  seatHouseBots,
} from "../src/game/mod.ts";
import { within } from "./_helpers.ts";

/** The first `count` deliveries of `stream`, then the stream is returned. */
async function take(
  stream: DeliveryStream,
  count: number,
): Promise<Delivery[]> {
  const out: Delivery[] = [];
  while (out.length < count) {
    const next = await stream.next();
    if (next.done) break;
    out.push(next.value);
  }
  await stream.return();
  return out;
}

/** Every delivery of a subscription from the start until `game_over`. */
async function follow(room: GameRoom, viewer: Viewer): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for await (const delivery of room.subscribe(viewer)) {
    out.push(delivery);
    if (delivery.event.type === "game_over") break;
  }
  return out;
}

/** Whole games of house bots, seeded: seer, witch, guard, hunter, wolves. */
const GAMES = [
  { players: 8, seed: 3 },
  { players: 10, seed: 7 },
  { players: 12, seed: 11 },
];

Deno.test("game.events seq numbers of every seat and the public are contiguous: no gap counts the seer's inspection or the wolves' messages", async () => {
  for (const { players, seed } of GAMES) {
    const games = new GameService({ seed: () => seed });
    try {
      const { gameId } = await games.create({
        players,
        actionTimeoutMs: 10_000,
        discussionRounds: 1,
      });
      const room = games.room(gameId);
      const viewers: Viewer[] = [
        { kind: "public" },
        ...Array.from({ length: players }, (_, i) => ({
          kind: "player" as const,
          player_id: `p${i + 1}` as const,
        })),
      ];
      // subscribed live before the first seat is taken
      const live = viewers.map((viewer) => follow(room, viewer));
      await seatHouseBots(games, gameId, { count: players, thinkMs: 0, seed });
      const streams = await within(Promise.all(live), 30_000, "game_over");
      assert.equal(room.state.phase, "ended");
      const hidden = room.log.filter((e) =>
        e.type === "seer_result" ||
        (e.type === "agent_message" && e.channel === "werewolves")
      );
      assert.ok(hidden.length > 0, "the seer inspected, the wolves talked");
      for (const [index, viewer] of viewers.entries()) {
        const who = `${JSON.stringify(viewer)} in seed ${seed}`;
        const got = streams[index] as Delivery[];
        const expected: GameEvent[] = room.log
          .map((event) => redact(room.state, event, viewer))
          .filter((event) => event !== null)
          .map((event, i) => ({ ...event, seq: i + 1 }));
        assert.ok(expected.length < room.log.length, `${who} misses some`);
        // contiguous 1..n, ids alike, and exactly what it may see
        assert.deepEqual(got.map((d) => d.id), got.map((_, i) => `${i + 1}`));
        assert.deepEqual(got.map((d) => d.event), expected, who);
        // a fresh subscription after the end numbers them alike, and reveals
        // nothing more (the complete log is the transcript)
        const fresh = await take(room.subscribe(viewer), expected.length);
        assert.deepEqual(fresh, got, `${who}: fresh subscription`);
        // resuming after each of its seqs gives exactly the rest
        for (let k = 0; k <= got.length; k++) {
          const rest = await take(
            room.subscribe(viewer, { lastEventId: String(k) }),
            got.length - k,
          );
          assert.deepEqual(rest, got.slice(k), `${who}: resumed after ${k}`);
        }
        // the seqs the API answers with are the viewer's own
        for (const [i, seq] of got.entries()) {
          const global = room.globalSeq(viewer, i + 1);
          assert.ok(global !== null && global >= i + 1);
          assert.equal(room.viewerSeq(viewer, global), i + 1);
          assert.equal(room.log[global - 1]?.type, seq.event.type);
        }
        assert.equal(room.globalSeq(viewer, got.length + 1), null);
      }
      // the transcript of the ended game is the whole log, global seq
      assert.deepEqual(room.transcript({ kind: "public" }).events, room.log);
    } finally {
      games.close();
    }
  }
});

Deno.test("GameRoom.subscribe() with a lastEventId beyond what the viewer saw gives only live events; one that is not a number replays from the start", async () => {
  const games = new GameService({ seed: () => 5 });
  const { gameId } = await games.create({
    players: 8,
    actionTimeoutMs: 10_000,
    discussionRounds: 1,
  });
  const room = games.room(gameId);
  const villager: Viewer = { kind: "player", player_id: "p1" };
  const done = follow(room, villager);
  await seatHouseBots(games, gameId, { count: 8, thinkMs: 0, seed: 5 });
  const all = await within(done, 30_000, "game_over");
  const ahead = room.subscribe(villager, {
    lastEventId: String(all.length + 1),
  });
  const notNumber = room.subscribe(villager, { lastEventId: "x1" });
  const replayed = await take(notNumber, all.length);
  games.close(); // ends the streams: nothing live comes any more
  const beyond: Delivery[] = [];
  for await (const delivery of ahead) beyond.push(delivery);
  assert.deepEqual(beyond, []);
  assert.deepEqual(replayed, all);
});

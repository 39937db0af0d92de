import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import {
  GameService,
  houseBotLabel,
  houseBotThinkMs,
  MemoryGameStore,
} from "../src/game/mod.ts";
import { within } from "./_helpers.ts";

/** The god view of `gameId` from the start until `game_over` or `until` events. */
async function follow(
  games: GameService,
  gameId: string,
  until = Infinity,
): Promise<GameEvent[]> {
  const events: GameEvent[] = [];
  const stop = new AbortController();
  const stream = games.room(gameId).subscribe({ kind: "god" }, {
    signal: stop.signal,
  });
  for await (const { event } of stream) {
    events.push(event);
    if (event.type === "game_over" || events.length >= until) break;
  }
  stop.abort();
  return events;
}

Deno.test("houseBotLabel() and houseBotThinkMs() round-trip a think time and refuse other labels", () => {
  assert.equal(houseBotThinkMs(houseBotLabel(1200)), 1200);
  assert.equal(houseBotThinkMs(houseBotLabel(0)), 0);
  assert.equal(houseBotThinkMs("house-bot/"), null);
  assert.equal(houseBotThinkMs("gpt-4o"), null);
  assert.equal(houseBotThinkMs(undefined), null);
});

Deno.test("GameService.resume() plays a game's house bots again: a game of house bots stopped mid-game by the service's close finishes on the resumed service, the bots answering the turn awaited then (no deadline could end it)", async () => {
  const store = new MemoryGameStore();
  const first = new GameService({ store });
  let gameId = "";
  let before: GameEvent[] = [];
  try {
    gameId = (await first.create({
      players: 6,
      seed: 5,
      actionTimeoutMs: 600_000,
      discussionRounds: 1,
      houseBots: 6,
      houseBotThinkMs: 0,
    })).gameId;
    before = await within(follow(first, gameId, 20), 20_000, "20 events");
  } finally {
    first.close(); // the bots leave with it
  }
  const stopped = store.events(gameId);
  assert.ok(stopped.length >= before.length);
  assert.notEqual(stopped.at(-1)?.type, "game_over", "stopped mid-game");
  const second = new GameService({ store });
  try {
    assert.equal(await second.resume(), 1);
    const events = await within(follow(second, gameId), 20_000, "game_over");
    assert.equal(events.at(-1)?.type, "game_over");
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));
    const after = events.slice(stopped.length);
    assert.ok(
      after.some((e) => e.type === "player_action" && !e.timed_out),
      "the bots played after the restart",
    );
    assert.deepEqual(
      after.filter((e) => e.type === "player_action" && e.timed_out),
      [],
      "no deadline passed",
    );
  } finally {
    second.close();
  }
});

import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import {
  GameService,
  HOUSE_BOT_NAMES,
  seatHouseBots,
} from "../src/game/mod.ts";
import { within } from "./_helpers.ts";

/** Every event of the game, god view, until `game_over` (or `stopAfter` events). */
async function follow(
  games: GameService,
  gameId: string,
  stopAfter = Infinity,
): Promise<GameEvent[]> {
  const events: GameEvent[] = [];
  for await (const { event } of games.room(gameId).subscribe({ kind: "god" })) {
    events.push(event);
    if (event.type === "game_over" || events.length >= stopAfter) break;
  }
  return events;
}

Deno.test("seatHouseBots() fills a game with bots that play it to the end, speaking in public and on the werewolves' channel", async () => {
  const games = new GameService();
  try {
    const { gameId } = await games.create({
      players: 8,
      seed: 7,
      actionTimeoutMs: 10_000,
      discussionRounds: 1,
    });
    const bots = await seatHouseBots(games, gameId, {
      count: 8,
      thinkMs: 0,
      seed: 3,
    });
    assert.deepEqual(bots.players, [
      "p1",
      "p2",
      "p3",
      "p4",
      "p5",
      "p6",
      "p7",
      "p8",
    ]);
    const events = await within(follow(games, gameId), 20_000, "game_over");
    const joined = events.filter((e) => e.type === "player_joined");
    assert.deepEqual(
      joined.map((e) => e.type === "player_joined" && e.name),
      HOUSE_BOT_NAMES.slice(0, 8),
    );
    const over = events.at(-1);
    assert.equal(over?.type, "game_over");
    const said = events.filter((e) => e.type === "agent_message");
    assert.ok(said.some((e) => e.channel === "public"), "nobody spoke");
    assert.ok(said.some((e) => e.channel === "werewolves"), "no wolf talk");
    const timedOut = events.filter((e) =>
      e.type === "player_action" && e.timed_out
    );
    assert.deepEqual(timedOut, [], "a bot let a deadline pass");
    await within(bots.finished, 5000, "the bots leave");
  } finally {
    games.close();
  }
});

Deno.test("seatHouseBots() skips names already taken and the bots stop when the service closes mid-game", async () => {
  const games = new GameService();
  const { gameId } = await games.create({
    players: 6,
    seed: 11,
    actionTimeoutMs: 60_000,
  });
  await games.join(gameId, "Alice");
  const bots = await seatHouseBots(games, gameId, {
    count: 5,
    thinkMs: 5,
  });
  assert.deepEqual(bots.players, ["p2", "p3", "p4", "p5", "p6"]);
  const names = games.room(gameId).state.players.map((seat) => seat.name);
  assert.deepEqual(names, ["Alice", ...HOUSE_BOT_NAMES.slice(1, 6)]);
  await within(follow(games, gameId, 15), 10_000, "the first night");
  games.close();
  await within(bots.finished, 5000, "the bots leave"); // their timers with them
});

/**
 * The games scenario's transport floor (`bench/game_floor.ts` against
 * `bench/servers/raw_game.ts`) plays every frame of its script.
 * @module
 */
import assert from "node:assert/strict";
import {
  ACTIONS,
  framesOf,
  PRIVATES,
  runGameFloor,
  scriptOf,
} from "../bench/game_floor.ts";
import { serveRawGame } from "../bench/servers/raw_game.ts";

Deno.test("scriptOf() is seeded: the same game gives the same script, ACTIONS actions of PRIVATES or one more private events", () => {
  assert.deepEqual(scriptOf(3), scriptOf(3));
  assert.notDeepEqual(scriptOf(3), scriptOf(4));
  const script = scriptOf(0);
  assert.equal(script.length, ACTIONS);
  for (const privates of script) {
    assert.ok(privates.length === PRIVATES || privates.length === PRIVATES + 1);
    for (const seat of privates) assert.ok(seat >= 0 && seat < 8);
  }
});

Deno.test("runGameFloor() receives exactly each game's frames from the bare server", async () => {
  let listening = (_port: number): void => {};
  const port = new Promise<number>((resolve) => (listening = resolve));
  const server = serveRawGame({ onListen: listening });
  try {
    const result = await runGameFloor(`ws://127.0.0.1:${await port}`, {
      games: 3,
      concurrency: 2,
      pid: Deno.pid, // the server runs in this process
    });
    const expected = (framesOf(0) + framesOf(1) + framesOf(2)) / 3;
    assert.equal(result.frames_out_per_game, Math.round(expected * 10) / 10);
    assert.ok(result.frames_out_per_game > 900, "about a game's 940 frames");
    assert.equal(result.games, 3);
    assert.ok(result.server_cpu_ms_per_game > 0);
  } finally {
    await server.shutdown();
  }
});

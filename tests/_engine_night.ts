/**
 * The game the engine's night tests play: nine players on a chosen seed.
 * @module
 */
import { newGame, type Run } from "./engine_helpers_test.ts";

/** A 9-player game: 2 werewolves, seer, witch, hunter, guard, 3 villagers. */
export function nine(seed = 3): Run {
  return newGame({ players: 9, seed });
}

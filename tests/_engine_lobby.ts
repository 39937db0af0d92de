/**
 * The create command the engine's lobby tests start from: six seats, seed 5,
 * autoStart.
 * @module
 */
import { T0 } from "./engine_helpers_test.ts";

/** A valid create command for a six-seat game that starts when full. */
export const CREATE = {
  type: "create",
  at: T0,
  gameId: "g-lobby",
  name: "Lobby",
  seed: 5,
  players: 6,
  actionTimeoutMs: 1000,
  discussionRounds: 1,
  autoStart: true,
} as const;

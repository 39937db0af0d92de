/**
 * Shared setup for the engine's record tests (reasoning, usage, forfeits): a
 * usage record, a game in its discussion, its speaker and another seat, and
 * what a viewer sees of a message.
 * @module
 */
import assert from "node:assert/strict";
import {
  type GameEvent,
  type PlayerId,
  type Usage,
} from "../src/contract/mod.ts";
import { type GameState, redact, type Viewer } from "../src/engine/mod.ts";
import {
  newGame,
  night,
  one,
  type Run,
  witchPasses,
} from "./engine_helpers_test.ts";

/** A usage record as an agent reports it with a move. */
export const USAGE: Usage = {
  model: "stub-1",
  promptTokens: 120,
  completionTokens: 30,
  latencyMs: 450,
  costUsd: 0.002,
};

/** A game in its discussion, after a night where a villager died. */
export function discussion(seed = 1): Run {
  const run = newGame({ players: 8, seed, rounds: 1 });
  night(run, { kill: one(run, "villager") });
  witchPasses(run);
  assert.equal(run.state.phase, "discussion");
  return run;
}

/** The first seat the game waits on (in the discussion: the speaker). */
export function speaker(run: Run): PlayerId {
  return run.state.pending[0]!.player_id;
}

/** A living seat other than `id`. */
export function other(run: Run, id: PlayerId): PlayerId {
  return run.state.players.find((s) => s.alive && s.id !== id)!.id;
}

/** What `event` looks like to its author, another seat, the public and the god view. */
export function views(
  state: GameState,
  event: GameEvent,
  author: PlayerId,
  options: { revealEnded?: boolean } = {},
): Record<string, GameEvent | null> {
  const viewer = (v: Viewer) => redact(state, event, v, options);
  return {
    author: viewer({ kind: "player", player_id: author }),
    other: viewer({
      kind: "player",
      player_id: other({ state } as Run, author),
    }),
    public: viewer({ kind: "public" }),
    god: viewer({ kind: "god" }),
  };
}

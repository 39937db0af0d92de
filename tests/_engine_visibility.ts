/**
 * Shared games and checks for the engine's visibility tests: 32 whole games
 * over every role, turn and vote policy, each event with its state, and what a
 * non-werewolf may never see before the end.
 * @module
 */
import assert from "node:assert/strict";
import {
  type GameEvent,
  type PlayerId,
  TURN_POLICIES,
  VOTE_POLICIES,
} from "../src/contract/mod.ts";
import {
  defaultRoles,
  evolve,
  type GameState,
  initialState,
  roleList,
  viewOf,
} from "../src/engine/mod.ts";
import { autoplay, newGame, type Run } from "./engine_helpers_test.ts";

/** The actions everyone sees (a vote only under the sequential policy). */
export const isPublic = (action: string, state: GameState): boolean =>
  ["pass", "hunter_shoot"].includes(action) ||
  (action === "vote" && state.settings.votePolicy === "sequential");

/** Whole games with every role, every turn and vote policy, a talk cap. */
export const RUNS: Run[] = Array.from({ length: 32 }, (_, i) => {
  const turnPolicy = TURN_POLICIES[(i + 1) % TURN_POLICIES.length]!;
  const players = 9 + ((i + 1) % 4);
  // every third game with an explicit deal: the default table, rotated
  const table = roleList(defaultRoles(players));
  const deal = [...table.slice(i % players), ...table.slice(0, i % players)];
  const run = newGame({
    players,
    ...(i % 3 === 0 ? { deal } : {}),
    seed: i + 1,
    ...(turnPolicy === "bidding" ? {} : { rounds: 1 + ((i + 1) % 3) }),
    turnPolicy,
    votePolicy: VOTE_POLICIES[Math.floor((i + 1) / 4) % 2]!,
    talkCapPerDay: (i + 1) % 5 === 0 ? 1 : null,
  });
  autoplay(run, i + 1);
  return run;
});

/** Each event with the state just after it. */
export function* steps(run: Run): Generator<[GameEvent, GameState]> {
  let state = initialState();
  for (const event of run.log) {
    state = evolve(state, event);
    yield [event, state];
  }
}

/** Asserts what a non-werewolf player may never see before the end. */
export function assertNothingSecret(
  event: GameEvent | null,
  me: PlayerId | null,
  state: GameState,
): void {
  if (event === null) return;
  switch (event.type) {
    case "game_created":
      assert.equal(event.seed, undefined);
      assert.equal(event.deal, undefined);
      break;
    case "player_joined":
      assert.equal(event.agent, undefined);
      break;
    case "agent_message":
      assert.equal(event.channel, "public");
      break;
    case "player_action":
      assert.ok(
        event.player_id === me || isPublic(event.action, state),
        `${me} sees ${event.player_id}'s ${event.action}`,
      );
      break;
    case "speech_held":
      assert.equal(event.player_id, me, `${me} sees a held speech`);
      break;
    case "seer_result":
      assert.equal(event.seer_id, me);
      break;
    case "witch_info":
      assert.equal(event.witch_id, me);
      break;
    case "role_assigned":
    case "your_turn":
      assert.equal(event.player_id, me);
      break;
    case "game_state":
      for (const p of event.players) {
        assert.ok(p.role === undefined || !p.alive);
      }
      break;
    case "game_over":
      assert.fail("game_over before the end");
  }
  const view = viewOf(
    state,
    me === null ? { kind: "public" } : { kind: "player", player_id: me },
  );
  for (const p of view.players) {
    const seat = state.players.find((s) => s.id === p.id)!;
    if (p.role !== undefined) {
      assert.ok(p.id === me || !seat.alive, `${me} knows ${p.id}'s role`);
    }
  }
}

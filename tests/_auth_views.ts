/**
 * What a caller may see of a running game, checked two ways: against the
 * engine's own `viewOf`/`redact` (the oracle), and against the secrets
 * themselves, stated independently (no living role, no private event
 * reaches whom it does not belong to).
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import {
  type GameState,
  redact,
  type Viewer,
  viewOf,
} from "../src/engine/mod.ts";
import type { GameEvent, GameView } from "../src/mod.ts";

/** Actions everyone sees; the others are their actor's (and the pack's kills). */
const PUBLIC_ACTIONS = new Set(["vote", "pass", "hunter_shoot"]);

function describe(viewer: Viewer): string {
  return viewer.kind === "player" ? viewer.player_id : viewer.kind;
}

/** What is wrong with `view` as `viewer`'s `game.state` (empty: nothing). */
export function stateProblems(
  state: GameState,
  view: GameView,
  viewer: Viewer,
): string[] {
  const problems: string[] = [];
  const me = viewer.kind === "player" ? viewer.player_id : null;
  const mine = state.players.find((seat) => seat.id === me);
  for (const seat of state.players) {
    const shown = view.players.find((p) => p.id === seat.id);
    const mayKnow = viewer.kind === "god" || state.winner !== null ||
      !seat.alive || seat.id === me ||
      (mine?.role === "werewolf" && mine.teammates.includes(seat.id));
    if (shown === undefined) problems.push(`${seat.id} missing`);
    else if (!mayKnow && shown.role !== undefined) {
      problems.push(`LEAK: the role of living ${seat.id} is shown`);
    } else if (mayKnow && shown.role !== seat.role) {
      problems.push(`the role of ${seat.id} should be ${seat.role}`);
    }
  }
  if (me === null ? view.you !== null : view.you?.role !== mine?.role) {
    problems.push(`you is ${JSON.stringify(view.you)}`);
  }
  if (!isDeepStrictEqual(view, viewOf(state, viewer))) {
    problems.push(`differs from viewOf(state, ${describe(viewer)})`);
  }
  return problems;
}

/** Whether `event` may reach `viewer` (a running game). */
function mayReach(state: GameState, event: GameEvent, viewer: Viewer): boolean {
  if (viewer.kind === "god" || state.winner !== null) return true;
  const me = viewer.kind === "player" ? viewer.player_id : null;
  const wolf = state.players.find((seat) => seat.id === me)?.role ===
    "werewolf";
  switch (event.type) {
    case "game_created":
      return !("seed" in event) && !("deal" in event);
    case "player_joined":
      return !("agent" in event);
    case "role_assigned":
    case "your_turn":
      return event.player_id === me;
    case "seer_result":
      return event.seer_id === me;
    case "witch_info":
      return event.witch_id === me;
    case "agent_message":
      return event.channel === "public" || wolf;
    case "player_action":
      return PUBLIC_ACTIONS.has(event.action) || event.player_id === me ||
        (event.action === "wolf_kill" && wolf);
    default:
      return true;
  }
}

/**
 * What is wrong with `events` as `viewer`'s transcript of the game (empty:
 * nothing): every secret event is its owner's, and the list is the log
 * redacted and numbered 1..n for the viewer.
 */
export function eventProblems(
  state: GameState,
  log: readonly GameEvent[],
  events: readonly GameEvent[],
  viewer: Viewer,
): string[] {
  const problems: string[] = [];
  for (const event of events) {
    if (!mayReach(state, event, viewer)) {
      problems.push(`LEAK: ${event.type} #${event.seq}`);
    }
  }
  const dealt = events.filter((e) => e.type === "role_assigned").length;
  const owed = viewer.kind === "god"
    ? state.players.length
    : viewer.kind === "player"
    ? 1
    : 0;
  if (dealt !== owed) {
    problems.push(`sees ${dealt} role_assigned, not ${owed}`);
  }
  // numbered in the viewer's own sequence: a gap would count hidden events
  const expected = log.map((event) => redact(state, event, viewer))
    .filter((event) => event !== null)
    .map((event, i) => ({ ...event, seq: i + 1 }));
  if (events.some((event, i) => event.seq !== i + 1)) {
    problems.push("LEAK: the seqs are not 1..n, a gap counts hidden events");
  }
  if (!isDeepStrictEqual(events, expected)) {
    problems.push(
      `${events.length} events differ from the log redacted for ${
        describe(viewer)
      } (${expected.length})`,
    );
  }
  return problems;
}

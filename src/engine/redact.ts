import type { GameEvent, GameEventOf } from "../contract/mod.ts";
import { seatOf } from "./_query.ts";
import type { GameState, Viewer } from "./types.ts";

/** Player actions everyone sees. */
const PUBLIC_ACTIONS: ReadonlySet<string> = new Set([
  "vote",
  "pass",
  "hunter_shoot",
]);

/**
 * What `viewer` may see of `event` — the one place visibility is decided:
 * the event itself, a copy without what it may not see, or null.
 *
 * - god sees everything. With `revealEnded` (the complete log of an ended
 *   game, `game.transcript`), after `game_over` everyone sees everything.
 *   Streams leave it off: what a viewer may see of an event never changes
 *   (its role is assigned once), so the viewer's own numbering of the
 *   events it sees never changes either (`viewerSeqs`).
 * - everyone sees the game's public events (`game_created` without its
 *   `seed` and `deal`, seats (`player_joined` without its `agent` label:
 *   a tournament seats one agent on every werewolf seat), phases, public speech, votes, passes, the hunter's shot,
 *   deaths, vote results, the table, the end).
 * - a player also sees its own `role_assigned`, `your_turn` and actions,
 *   its `seer_result` (the seer) and `witch_info` (the witch); werewolves
 *   see their channel and each other's `wolf_kill`.
 * - what the turn policies hold until a reveal is its author's: a bid (its
 *   `player_action`, until `bids_revealed`), a parallel round's speech
 *   (`speech_held`, until the round's public `agent_message`s), and under
 *   the simultaneous vote policy a vote (until `vote_result.votes`). The
 *   reveal is a later public event, so what a viewer sees of each event
 *   never changes.
 * - the `reasoning` and `usage` of a speech or an action are its author's
 *   (and the god view's): everyone else sees the event without them, so
 *   which events a viewer sees, and its numbering, do not change. A
 *   default's cause (`default`) is seen with the action it defaulted.
 */
export function redact(
  state: GameState,
  event: GameEvent,
  viewer: Viewer,
  options: { revealEnded?: boolean } = {},
): GameEvent | null {
  if (viewer.kind === "god") return event;
  if (options.revealEnded === true && state.winner !== null) return event;
  const me = viewer.kind === "player" ? viewer.player_id : null;
  const wolf = me !== null && seatOf(state, me)?.role === "werewolf";
  switch (event.type) {
    case "game_created": {
      const { seed: _seed, deal: _deal, ...rest } = event;
      return rest;
    }
    case "player_joined": {
      // a tournament seats one agent on every werewolf seat: its label
      // would name the werewolves
      if (event.agent === undefined) return event;
      const { agent: _agent, ...rest } = event;
      return rest;
    }
    case "role_assigned":
    case "your_turn":
    case "speech_held":
      return event.player_id === me ? event : null;
    case "agent_message":
      if (event.channel !== "public" && !wolf) return null;
      return event.agent_id === me ? event : withoutRecords(event);
    case "player_action":
      if (event.player_id === me) return event;
      if (held(state, event)) return null;
      if (PUBLIC_ACTIONS.has(event.action)) return withoutRecords(event);
      return event.action === "wolf_kill" && wolf
        ? withoutRecords(event)
        : null;
    case "seer_result":
      return event.seer_id === me ? event : null;
    case "witch_info":
      return event.witch_id === me ? event : null;
    default:
      return event;
  }
}

/** Whether the action is held until a reveal: a bid, a simultaneous vote. */
function held(state: GameState, event: GameEventOf<"player_action">): boolean {
  return event.action === "bid" ||
    event.action === "vote" && state.settings.votePolicy === "simultaneous";
}

/**
 * `event` without its author's `reasoning` and `usage` (the same object
 * when it has neither).
 */
function withoutRecords<
  E extends GameEventOf<"agent_message" | "player_action">,
>(event: E): E {
  if (event.reasoning === undefined && event.usage === undefined) return event;
  const { reasoning: _reasoning, usage: _usage, ...rest } = event;
  return rest as E;
}

import type { GameEvent } from "../contract/mod.ts";
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
 *   `seed`, seats, phases, public speech, votes, passes, the hunter's shot,
 *   deaths, vote results, the table, the end).
 * - a player also sees its own `role_assigned`, `your_turn` and actions,
 *   its `seer_result` (the seer) and `witch_info` (the witch); werewolves
 *   see their channel and each other's `wolf_kill`.
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
      const { seed: _seed, ...rest } = event;
      return rest;
    }
    case "role_assigned":
    case "your_turn":
      return event.player_id === me ? event : null;
    case "agent_message":
      return event.channel === "public" || wolf ? event : null;
    case "player_action":
      if (PUBLIC_ACTIONS.has(event.action) || event.player_id === me) {
        return event;
      }
      return event.action === "wolf_kill" && wolf ? event : null;
    case "seer_result":
      return event.seer_id === me ? event : null;
    case "witch_info":
      return event.witch_id === me ? event : null;
    default:
      return event;
  }
}

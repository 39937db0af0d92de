/**
 * The demo's narration: one line (or none) per game event, with the
 * players' names.
 * @module
 */
import type { GameEvent, VotePolicy } from "../src/mod.ts";

/**
 * The line that narrates `event` (null: nothing to say); `names` learns
 * the seats at `game_started`.
 */
export function narrate(
  event: GameEvent,
  context: { names: Map<string, string>; votePolicy: VotePolicy },
): string | null {
  const { names } = context;
  const who = (
    id: string | null,
  ) => (id === null ? "nobody" : `${names.get(id) ?? id} (${id})`);
  switch (event.type) {
    case "game_started":
      for (const p of event.players) names.set(p.id, p.name);
      return `The game begins with ${event.players.length} players.`;
    case "role_assigned":
      return `  ${who(event.player_id)} is ${event.role}`;
    case "phase_update":
      return `\n== ${event.new_phase.toUpperCase()} (day ${event.day}) — ${event.description}`;
    case "agent_message":
      return `  ${event.channel === "werewolves" ? "[wolves] " : ""}${
        who(event.agent_id)
      }: ${event.message_text}`;
    case "player_action":
      // simultaneous votes are narrated with the result that reveals them
      return event.action === "vote" && context.votePolicy === "sequential"
        ? `  ${who(event.player_id)} votes for ${who(event.target)}`
        : null;
    case "seer_result":
      return `  the seer learns that ${who(event.target)} ${
        event.is_werewolf ? "IS" : "is not"
      } a werewolf`;
    case "player_died":
      return `  † ${
        who(event.player_id)
      } dies (${event.cause}); they were ${event.role}`;
    case "vote_result":
      return `${
        Object.entries(event.votes ?? {}).map(([voter, target]) =>
          `  ${who(voter)} voted for ${who(target)}\n`
        ).join("")
      }  the vote eliminates ${who(event.eliminated)}`;
    case "speaking_order":
      return `  round ${event.round}: ${event.order.map(who).join(", ")}`;
    case "bids_revealed":
      return `  bids ${
        Object.entries(event.bids).map(([id, bid]) => `${id}:${bid}`).join(" ")
      } → ${
        event.speaker === null
          ? "nobody: the talk is over"
          : `${who(event.speaker)} (${event.tie_break})`
      }`;
    case "game_over":
      return `\n*** The ${event.winner} win! ***`;
    default:
      return null;
  }
}

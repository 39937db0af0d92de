/**
 * One line per action for the terminal: an agent's answered turn, and the
 * public events of a game (what `deno task play` narrates).
 * @module
 */
import type { GameEvent } from "../../src/mod.ts";
import type { TurnRecord } from "../agent_loop.ts";
import { describeMove } from "../moves.ts";

/** `Alice p3 vote: vote p5 (812 ms, 1234+40 tokens)`. */
export function turnLine(name: string, record: TurnRecord): string {
  const moves = record.moves.map(describeMove).join(", ") || "no move";
  const usage = record.usage
    ? ` (${record.usage.latencyMs} ms, ${record.usage.promptTokens}+${record.usage.completionTokens} tokens)`
    : "";
  const failed = record.failed ? ` [default: ${record.failed}]` : "";
  return `${name} ${record.turn.player_id} ${record.turn.request}: ${moves}${failed}${usage}`;
}

/** The narrator's line for a public event, or null to stay silent. */
export function publicLine(event: GameEvent): string | null {
  switch (event.type) {
    case "phase_update":
      return `-- day ${event.day}: ${event.new_phase} --`;
    case "agent_message":
      return `${event.agent_id} ${event.agent_name}: ${
        JSON.stringify(event.message_text)
      }`;
    case "player_action":
      return event.action === "vote"
        ? `${event.player_id} votes ${event.target ?? "to abstain"}`
        : null;
    case "player_died":
      return `${event.player_id} dies (${event.cause}); was ${event.role}`;
    case "vote_result":
      return `vote: ${event.eliminated ?? "nobody"} eliminated`;
    case "game_over":
      return `game over: the ${event.winner} win; roles ${
        Object.entries(event.roles).map(([id, role]) => `${id}=${role}`).join(
          " ",
        )
      }`;
    default:
      return null;
  }
}

/**
 * The hub's original `phase_update` and `game_state` broadcasts of a game's
 * events, public view.
 * @module
 */
import {
  gameClientId,
  type GameEvent,
  type HubMessage,
} from "../contract/mod.ts";

/** The hub messages `events` make: one per `phase_update` and `game_state`. */
export function hubMessages(
  gameId: string,
  events: readonly GameEvent[],
): HubMessage[] {
  const client_id = gameClientId(gameId);
  const messages: HubMessage[] = [];
  for (const event of events) {
    const timestamp = event.at / 1000;
    if (event.type === "phase_update") {
      messages.push({
        message_type: "phase_update",
        client_id,
        timestamp,
        old_phase: event.old_phase,
        new_phase: event.new_phase,
        description: event.description.slice(0, 1000),
        day: event.day,
        data: { gameId, deadline: event.deadline },
      });
    } else if (event.type === "game_state") {
      messages.push({
        message_type: "game_state",
        client_id,
        timestamp,
        phase: event.phase,
        players: event.players,
        current_turn: event.current_turn,
        alive_count: event.alive_count,
        dead_count: event.dead_count,
        data: { gameId },
      });
    }
  }
  return messages;
}

/// <reference lib="dom" />
/**
 * What one step of a replay is: the event in words for the step line, and
 * the player it is about, for the table.
 * @module
 */
import type { GameEvent, PlayerId } from "../src/mod.ts";
import type { GameModel } from "./model.ts";
import type { CurrentPlayer } from "./table.tsx";

/** The steps per second autoplay offers; the second is the default. */
export const REPLAY_SPEEDS: readonly number[] = [1, 3, 10, 30];

/** One event in words, for the step line. */
export function describe(model: GameModel, event: GameEvent): string {
  const said = [...model.chat, ...model.wolfChat, ...model.secrets]
    .find((line) => line.seq === event.seq);
  if (said !== undefined) {
    return said.speaker === null
      ? said.text
      : `${said.speaker.name}: ${said.text}`;
  }
  const name = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  switch (event.type) {
    case "game_created":
      return `the game "${event.name}" is created for ${event.players} players`;
    case "player_joined":
      return `${event.name} takes seat ${event.player_id}`;
    case "role_assigned":
      return `${name(event.player_id)} is told their role: ${event.role}`;
    case "your_turn":
      return `the game waits for ${name(event.player_id)} (${event.request})`;
    case "player_action":
      return event.action === "vote"
        ? `${name(event.player_id)} votes against ${
          event.target === null ? "nobody" : name(event.target)
        }`
        : `${name(event.player_id)}: ${event.action}`;
    default:
      return event.type.replaceAll("_", " ");
  }
}

/** The player a step is about: who speaks, acts, or is waited for. */
export function currentOf(event: GameEvent | undefined): CurrentPlayer | null {
  switch (event?.type) {
    case "agent_message":
      return { id: event.agent_id as PlayerId, doing: "speaking" };
    case "player_action":
      return { id: event.player_id as PlayerId, doing: "acting" };
    case "your_turn":
      return { id: event.player_id as PlayerId, doing: "to play" };
    default:
      return null;
  }
}

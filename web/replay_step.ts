/// <reference lib="dom" />
/**
 * What one step of a replay is: the event in words for the step line, and
 * the player it is about, for the table.
 * @module
 */
import type { GameEvent, PlayerId } from "../src/mod.ts";
import { isKey, roleName, t } from "./i18n.ts";
import type { GameModel } from "./model.ts";
import type { CurrentPlayer } from "./table.tsx";

/** The steps per second autoplay offers; the second is the default. */
export const REPLAY_SPEEDS: readonly number[] = [1, 3, 10, 30];

/** The word of `key` in the model's language, or the identifier `id`. */
function known(model: GameModel, key: string, id: string): string {
  return isKey(key) ? t(model.locale, key) : id.replaceAll("_", " ");
}

/** One event in words (the model's language), for the step line. */
export function describe(model: GameModel, event: GameEvent): string {
  const { locale } = model;
  const said = [...model.chat, ...model.wolfChat, ...model.secrets]
    .find((line) => line.seq === event.seq);
  if (said !== undefined) {
    return said.speaker === null
      ? said.text
      : t(locale, "step.said", { name: said.speaker.name, text: said.text });
  }
  const name = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  switch (event.type) {
    case "game_created":
      return t(locale, "step.created", {
        name: event.name,
        n: event.players,
      });
    case "player_joined":
      return t(locale, "step.joined", {
        name: event.name,
        seat: event.player_id,
      });
    case "role_assigned":
      return t(locale, "step.role", {
        name: name(event.player_id),
        role: roleName(locale, event.role),
      });
    case "your_turn":
      return t(locale, "step.waits", {
        name: name(event.player_id),
        request: known(model, `request.${event.request}`, event.request),
      });
    case "player_action":
      return event.action === "vote"
        ? t(locale, "step.vote", {
          name: name(event.player_id),
          target: event.target === null
            ? t(locale, "nobody")
            : name(event.target),
        })
        : t(locale, "step.action", {
          name: name(event.player_id),
          action: known(model, `action.${event.action}`, event.action),
        });
    default:
      return known(model, `step.type.${event.type}`, event.type);
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

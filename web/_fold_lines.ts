/**
 * The fold's shared helpers (see `_fold.ts`): a player's name, a new chat
 * line, a move's reasoning and a default's cause, in words.
 * @module
 */
import type { GameEvent, GameEventOf } from "../src/mod.ts";
import { isKey, t } from "./i18n.ts";
import type { ChatLine, GameModel } from "./model.ts";

/** The name of seat `id` (the id if unknown; "nobody" for null). */
export function nameOf(model: GameModel, id: string | null): string {
  if (id === null) return t(model.locale, "nobody");
  return model.players.find((p) => p.id === id)?.name ?? id;
}

/** A chat line of `kind` for `event`, on the model's current day. */
export function line(
  model: GameModel,
  event: GameEvent,
  kind: ChatLine["kind"],
  text: string,
): ChatLine {
  return {
    seq: event.seq,
    at: event.at,
    day: model.day,
    kind,
    speaker: null,
    text,
    redactedLines: 0,
    reasoning: null,
  };
}

/** The reasoning an action's event carries for this viewer, if any. */
export function reasoningOf(
  event: GameEventOf<"agent_message" | "player_action" | "speech_held">,
): { reasoning: string | null } {
  return { reasoning: event.reasoning ?? null };
}

/** A default's cause in words of the model's language ("time ran out"). */
export function lateCause(model: GameModel, cause: string): string {
  const key = `late.${cause}`;
  return isKey(key) ? t(model.locale, key) : cause;
}

/** Why the server made this move (the deadline, a declared failure), or null. */
export function causeOf(
  event: GameEventOf<"player_action" | "speech_held">,
): string | null {
  if (event.default !== undefined) return event.default.cause;
  return event.type === "player_action" && event.timed_out ? "deadline" : null;
}

/** " (time ran out)" for a default, "" for a move the player made. */
export function lateText(
  model: GameModel,
  event: GameEventOf<"player_action" | "speech_held">,
): string {
  const cause = causeOf(event);
  return cause === null ? "" : ` (${lateCause(model, cause)})`;
}

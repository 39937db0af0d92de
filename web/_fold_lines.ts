/**
 * The fold's shared helpers (see `_fold.ts`): a player's name, a new chat
 * line, a move's reasoning and a default's cause, in words.
 * @module
 */
import type { GameEvent, GameEventOf } from "../src/mod.ts";
import type { ChatLine, GameModel } from "./model.ts";

/** The name of seat `id` (the id if unknown; "nobody" for null). */
export function nameOf(model: GameModel, id: string | null): string {
  if (id === null) return "nobody";
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

/** Why the server chose this move, for people. */
const DEFAULT_CAUSES: Record<string, string> = {
  deadline: "time ran out",
  model_error: "the model failed",
  invalid_output: "the model's answer was invalid",
};

/** A default's cause in words ("time ran out"). */
export function causeText(cause: string): string {
  return DEFAULT_CAUSES[cause] ?? cause;
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
  event: GameEventOf<"player_action" | "speech_held">,
): string {
  const cause = causeOf(event);
  return cause === null ? "" : ` (${causeText(cause)})`;
}

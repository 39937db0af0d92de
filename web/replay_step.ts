/**
 * What one step of a replay is: the event in words for the step line, the
 * player it is about, for the table, and where the replay stops: at every
 * event, except that a parallel round's reveal (its speeches made public
 * together) is one step, as it was one moment of the game. DOM-free, so
 * tests import it.
 * @module
 */
import type { GameEvent, PlayerId } from "../src/mod.ts";
import { bidsText } from "./_fold_talk.ts";
import { isKey, roleName, t } from "./i18n.ts";
import type { ChatLine, GameModel } from "./model.ts";

/** Who the current step is about, and what they do in it. */
export interface CurrentPlayer {
  /** The player. */
  id: PlayerId;
  /**
   * What the seat says they do: `speaking`, `acting`, `to play`, and under
   * the turn policies `bidding`, `writing` (a parallel round's held
   * speech) and `next to speak` (the bids gave them the turn).
   */
  doing:
    | "speaking"
    | "acting"
    | "to play"
    | "bidding"
    | "writing"
    | "next to speak";
}

/** The steps per second autoplay offers; the second is the default. */
export const REPLAY_SPEEDS: readonly number[] = [1, 3, 10, 30];

/** The word of `key` in the model's language, or the identifier `id`. */
function known(model: GameModel, key: string, id: string): string {
  return isKey(key) ? t(model.locale, key) : id.replaceAll("_", " ");
}

/** Every line of the model's chats, a round block's speeches included. */
function allLines(model: GameModel): ChatLine[] {
  return [...model.chat, ...model.wolfChat, ...model.secrets].flatMap((
    line,
  ) => [line, ...(line.round?.lines ?? [])]);
}

/** One event in words (the model's language), for the step line. */
export function describe(model: GameModel, event: GameEvent): string {
  const { locale } = model;
  const name = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  switch (event.type) {
    case "bids_revealed": {
      const bids = model.chat.findLast((line) => line.seq === event.seq)?.bids;
      return bids === undefined
        ? t(locale, "step.bids")
        : bidsText(model, bids);
    }
    case "speech_held":
      return event.message_text === ""
        ? t(locale, "step.held.pass", { name: name(event.player_id) })
        : t(locale, "step.held.says", {
          name: name(event.player_id),
          text: JSON.stringify(event.message_text),
        });
    case "player_action":
      if (event.action === "bid") {
        return t(locale, "step.bid", {
          name: name(event.player_id),
          n: event.amount ?? 0,
        });
      }
  }
  const block = model.chat.findLast((line) =>
    line.round?.lines.some((said) => said.seq === event.seq)
  )?.round;
  if (block !== undefined && block.lines.at(-1)?.seq === event.seq) {
    return t(locale, "step.round", {
      n: block.round,
      count: block.lines.length,
    });
  }
  const said = allLines(model).find((line) => line.seq === event.seq);
  if (said !== undefined) {
    return said.speaker === null
      ? said.text
      : t(locale, "step.said", { name: said.speaker.name, text: said.text });
  }
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

/** The player a step is about: who speaks, acts, bids, or is waited for. */
export function currentOf(event: GameEvent | undefined): CurrentPlayer | null {
  switch (event?.type) {
    case "agent_message":
      return { id: event.agent_id as PlayerId, doing: "speaking" };
    case "speech_held":
      return { id: event.player_id as PlayerId, doing: "writing" };
    case "player_action":
      return {
        id: event.player_id as PlayerId,
        doing: event.action === "bid" ? "bidding" : "acting",
      };
    case "bids_revealed":
      return event.speaker === null
        ? null
        : { id: event.speaker as PlayerId, doing: "next to speak" };
    case "your_turn":
      return { id: event.player_id as PlayerId, doing: "to play" };
    default:
      return null;
  }
}

/** Whether an event is public speech or a pass (what a reveal is made of). */
function spoken(event: GameEvent | undefined): boolean {
  return (event?.type === "agent_message" && event.channel === "public") ||
    (event?.type === "player_action" && event.action === "pass");
}

/**
 * Whether the replay stops at `step` (the first `step` events shown): not
 * in the middle of a parallel round's reveal, whose speeches and passes
 * the engine made public together (one command: the same time).
 */
export function stopsAt(events: readonly GameEvent[], step: number): boolean {
  const shown = events[step - 1];
  const next = events[step];
  if (!spoken(shown) || !spoken(next) || shown?.at !== next?.at) return true;
  const created = events.find((event) => event.type === "game_created");
  return created?.type !== "game_created" ||
    created.turnPolicy !== "parallel";
}

/** The next step the replay stops at after `step` (`last` at most). */
export function nextStop(events: readonly GameEvent[], step: number): number {
  let to = Math.min(events.length, step + 1);
  while (to < events.length && !stopsAt(events, to)) to++;
  return to;
}

/** The step the replay stops at before `step` (0 at least). */
export function previousStop(
  events: readonly GameEvent[],
  step: number,
): number {
  let to = Math.max(0, step - 1);
  while (to > 0 && !stopsAt(events, to)) to--;
  return to;
}

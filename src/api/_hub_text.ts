import { TRPCError } from "@trpc/server";
import type { PublishableMessage } from "../contract/mod.ts";
import { cleanSpeech } from "../game/mod.ts";

/** A published message after the hub text rule. */
export interface CleanedMessage {
  /** The message as it is routed. */
  message: PublishableMessage;
  /** How many lines of prose were removed (0 when none). */
  redactedLines: number;
}

/**
 * The hub text rule: the free text of a published message passes the
 * speech rule ({@linkcode cleanSpeech}) before anyone reads it.
 *
 * - Prose (`agent_message.message_text`, `phase_update.description`):
 *   refused as the speech rule refuses (control or invisible characters,
 *   nothing left); lines imitating the game's or the system's voice are
 *   removed and counted, the rest normalized. A `message_text` empty once
 *   trimmed is refused.
 * - Labels (`agent_name`, `phase`, `action_type`, `target_id`,
 *   `old_phase`, `new_phase`, a `game_state` player's `id`, `name` and
 *   `role`): sent as the speech rule would print them, or refused —
 *   like a player's name in `lobby.join`.
 *
 * Every refusal is a BAD_REQUEST naming the field.
 */
export function cleanPublished(message: PublishableMessage): CleanedMessage {
  let redactedLines = 0;
  const prose = (field: string, text: string, required: boolean): string => {
    const speech = cleanSpeech(text);
    if (!speech.ok) throw refuse(`${field} is refused: ${speech.message}.`);
    if (required && speech.text === "") {
      throw refuse(
        `${field} is empty once trimmed: an agent_message says something; send words, or nothing at all.`,
      );
    }
    redactedLines += speech.redactedLines;
    return speech.text;
  };
  switch (message.message_type) {
    case "agent_message": {
      label("agent_name", message.agent_name);
      label("phase", message.phase);
      const text = prose("message_text", message.message_text, true);
      return { message: { ...message, message_text: text }, redactedLines };
    }
    case "player_action":
      label("action_type", message.action_type);
      label("target_id", message.target_id);
      label("phase", message.phase);
      return { message, redactedLines };
    case "phase_update": {
      label("old_phase", message.old_phase);
      label("new_phase", message.new_phase);
      if (message.description === undefined) return { message, redactedLines };
      const description = prose("description", message.description, false);
      return { message: { ...message, description }, redactedLines };
    }
    case "game_state":
      label("phase", message.phase);
      message.players.forEach((player, i) => {
        label(`players.${i}.id`, player.id);
        label(`players.${i}.name`, player.name);
        label(`players.${i}.role`, player.role);
      });
      return { message, redactedLines };
  }
}

/** Refuses a label the speech rule would change, refuse or cut. */
function label(field: string, value: string | null | undefined): void {
  if (value === undefined || value === null) return;
  const speech = cleanSpeech(value);
  if (speech.ok && speech.text === value && speech.redactedLines === 0) return;
  throw refuse(
    `${field} ${
      JSON.stringify(value.slice(0, 64))
    } is not allowed: it is plain text on one line, without blanks around it, control or invisible characters, and it does not imitate the game's or the system's voice (such as [SYSTEM], Narrateur or MJ); send another.`,
  );
}

function refuse(message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message });
}

/**
 * The records an agent attaches to its move (reasoning, usage): checked and
 * cleaned once, then spread onto the move's event.
 * @module
 */
import { REASONING_MAX_CHARS, type Usage } from "../contract/mod.ts";
import { refuse } from "./_emit.ts";
import { cleanSpeech } from "./speech.ts";
import type { Decision, Records } from "./types.ts";

/** The fields to spread onto the event: only those with something in them. */
export type EventRecords = { reasoning?: string; usage?: Usage };

/**
 * The command's records as event fields, or the refusal: reasoning longer
 * than {@linkcode REASONING_MAX_CHARS} or refused by the speech rule is
 * refused like speech; lines imitating the game's voice are removed; blank
 * reasoning is dropped.
 */
export function recordsOf(
  c: Records,
): { ok: true; fields: EventRecords } | { ok: false; refused: Decision } {
  const fields: EventRecords = {};
  if (c.reasoning !== undefined) {
    if (c.reasoning.length > REASONING_MAX_CHARS) {
      return {
        ok: false,
        refused: refuse(
          "BAD_REQUEST",
          `the reasoning has ${c.reasoning.length} characters: at most ${REASONING_MAX_CHARS}, so summarize it`,
        ),
      };
    }
    const cleaned = cleanSpeech(c.reasoning.trim());
    if (!cleaned.ok) {
      return {
        ok: false,
        refused: refuse("BAD_REQUEST", `reasoning: ${cleaned.message}`),
      };
    }
    if (cleaned.text !== "") fields.reasoning = cleaned.text;
  }
  if (c.usage !== undefined) fields.usage = { ...c.usage };
  return { ok: true, fields };
}

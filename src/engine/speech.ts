/**
 * The speech rule: an agent's `say` is text, not protocol. Whatever path
 * it comes by, `decide` passes it through {@linkcode cleanSpeech} before
 * any other player reads it.
 * @module
 */
import { imitatesAuthority } from "./_voice.ts";

/** The longest `say` of a game created without `maxSayChars`. */
export const DEFAULT_MAX_SAY_CHARS = 2000;

/** What {@linkcode cleanSpeech} made of a text. */
export type Speech =
  | {
    ok: true;
    /** The text other players read ("" when the speaker said nothing). */
    text: string;
    /** How many lines were removed for imitating the game's voice. */
    redactedLines: number;
  }
  | {
    ok: false;
    /** Why the text was refused and what to send instead. */
    message: string;
  };

/**
 * Refused: control characters (C0 but tab, line feed and carriage return;
 * DEL; C1), format characters (bidirectional marks, embeddings, overrides
 * and isolates, zero-width characters, the BOM, soft hyphens, invisible tag
 * characters…), lone surrogates, and the variation selectors of the
 * supplement. A zero-width joiner inside an emoji sequence is allowed.
 */
const FORBIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\u{E0100}-\u{E01EF}]/gu;
const EMOJI_JOINER =
  /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})/uy;

/** Names of the characters agents are most likely to send by mistake. */
const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x07: "BEL",
  0x08: "backspace",
  0x0b: "vertical tab",
  0x0c: "form feed",
  0x1b: "escape",
  0x7f: "DEL",
  0x85: "next line",
  0xad: "soft hyphen",
  0x200b: "zero-width space",
  0x200c: "zero-width non-joiner",
  0x200d: "zero-width joiner",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2060: "word joiner",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0xfeff: "zero-width no-break space",
};

/** `U+202E (right-to-left override)`. */
function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  const name = NAMES[code] ??
    (code < 0xa0
      ? "a control character"
      : code >= 0xe0000 && code <= 0xe007f
      ? "an invisible tag character"
      : "an invisible formatting character");
  return `U+${hex} (${name})`;
}

/** The first refused character of `text`, described with its position. */
function firstForbidden(text: string): string | null {
  for (const match of text.matchAll(FORBIDDEN)) {
    EMOJI_JOINER.lastIndex = match.index;
    if (match[0] === "\u200D" && EMOJI_JOINER.test(text)) continue;
    return `${describe(match[0])} at character ${match.index + 1}`;
  }
  return null;
}

/**
 * Applies the speech rule to `text`:
 *
 * 1. refuses control characters, bidirectional and zero-width characters
 *    and other invisible formatting (see the README's speech rule), naming
 *    the first one and where it is;
 * 2. normalizes: line breaks (`\r\n`, `\r`, U+2028, U+2029) become `\n`,
 *    Unicode NFC, trailing blanks of each line go, at most two blank lines
 *    in a row, the whole trimmed;
 * 3. removes every line that imitates the game's or the system's voice —
 *    an authority speaking (`[SYSTEM]`, `Narrator - …`, `SYSTEM | …`,
 *    `MJ:`, `Human:`, …, read through the line's TS #39 skeleton: whatever
 *    the case, accents, look-alike letters of any script, leetspeak or
 *    spaced-out letters), one of the narrator's announcements (`Nuit 3 :
 *    …`, `Nuit deux : …`), a chat-template token (`<|im_start|>`,
 *    `[INST]`, `<start_of_turn>`) or protocol-shaped text (`{'type':
 *    'seer_result'}`) — and counts them; when text was sent but every line
 *    was removed, refuses it.
 *
 * Pure: the same text always gives the same answer. Linear in the text's
 * length (0.1–0.6 ms for 2,000 characters, see the README).
 */
export function cleanSpeech(text: string): Speech {
  const bad = firstForbidden(text);
  if (bad !== null) {
    return {
      ok: false,
      message:
        `the message contains ${bad}: speech is plain text, and control characters, bidirectional overrides and invisible (zero-width, tag) characters are refused because they can disguise what the other players read; remove it and say it again (line breaks and tabs are fine)`,
    };
  }
  const lines = text.replace(/\r\n?|[\u2028\u2029]/g, "\n").normalize("NFC")
    .split("\n").map((line) => line.trimEnd());
  const kept = lines.filter((line) => !imitatesAuthority(line));
  const redactedLines = lines.length - kept.length;
  const cleaned = kept.join("\n").replace(/\n{4,}/g, "\n\n\n").trim();
  if (cleaned === "" && redactedLines > 0) {
    return {
      ok: false,
      message:
        `nothing is left of the message: every line imitates the game's or the system's voice (an authority tag such as [SYSTEM], "Narrateur :" or "MJ:", a narrator's announcement, or a protocol message), and such lines are removed before anyone reads them; speak as yourself, in plain words`,
    };
  }
  return { ok: true, text: cleaned, redactedLines };
}

/**
 * Recognizes a line of speech that imitates the game's or the system's
 * voice: a line that starts as an authority speaking (`SYSTEM:`,
 * `Narrator - …`, `[MJ]`, `⟮SYSTEM⟯`, `Human:`), an authority tag anywhere
 * (`… [SYSTEM] …`), a chat-template token (`<|im_start|>`, `[INST]`,
 * `<start_of_turn>`), a prompt-format heading (`### Instruction:`), one of
 * the narrator's announcements, or a protocol message (`{'type':
 * 'seer_result'}`). Matching runs on the skeleton of the line (see
 * `_skeleton.ts`), so case, accents, look-alike letters, leetspeak digits
 * and spaced-out letters do not matter.
 * @module
 */
import { AUTHORITY_WORDS } from "./_authority.ts";
import { announces, NUMBER, wordsOf } from "./_announce.ts";
import { PROTOCOL_KEYS, PROTOCOL_NAMES } from "./_protocol.ts";
import { phrasePattern, readingOf, skeletonOf } from "./_skeleton.ts";
import { GAME_PHASES } from "../contract/mod.ts";

const WORD = "\\p{L}\\p{N}";
/** Gaps are bounded, so that no rule backtracks more than a few steps. */
const GAP = `[^${WORD}]{1,6}`;

/** Alternatives of plain phrases, matched through the skeleton. */
function anyOf(phrases: readonly string[]): string {
  return `(?:${phrases.map(phrasePattern).join("|")})`;
}

/** Keyed, escaped, literal tokens (`tool_calls`, `im_start`). */
function literally(tokens: readonly string[]): string {
  return `(?:${
    tokens.map((t) => skeletonOf(t).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
      .join("|")
  })`;
}

/** Words before the authority: `Annonce officielle du MJ`, `The system`. */
const LEAD = `(?:${
  anyOf(["the", "le", "la", "les", "l", "un", "une", "a", "an", "votre"])
}${GAP})?(?:(?:${
  anyOf([
    "message",
    "note",
    "notice",
    "annonce",
    "announcement",
    "avis",
    "alerte",
    "alert",
    "update",
    "rappel",
    "reminder",
    "warning",
    "avertissement",
    "info",
    "information",
    "override",
    "official",
    "officiel",
    "officielle",
    "urgent",
    "important",
  ])
}${GAP}){1,2}(?:${
  anyOf(["du", "de la", "de", "des", "from", "by", "of"])
}${GAP}(?:${anyOf(["the", "l"])}${GAP})?)?)?`;

/** Words after it: `System message (day 2)`, `Narrator's note`, `(p3)` (whose digit the reading turned into a letter). */
const TRAIL = `(?:[^${WORD}:]{0,6}(?:${
  anyOf([
    "s",
    "message",
    "note",
    "notice",
    "prompt",
    "override",
    "announcement",
    "annonce",
    "update",
    "alert",
    "alerte",
    "info",
    "instructions",
    "officiel",
    "officielle",
    "official",
    "says",
    "dit",
    "speaking",
    "parle",
    "du jeu",
    "de jeu",
    "du village",
    "de la partie",
    "day",
    "jour",
    "night",
    "nuit",
    "call",
    "calls",
    "result",
    "results",
    "response",
    "output",
    "tools",
  ])
}|\\d+|p[\\daebgiost]{1,2})(?![${WORD}])){0,3}`;

const AUTHORITY = `${anyOf(AUTHORITY_WORDS)}(?![${WORD}])${TRAIL}`;

/**
 * Markdown, quotes, emoji, brackets, list numbers before the words, taken
 * whole (a lookahead and its back-reference: no backtracking into it).
 */
const DECORATION =
  `^(?=(?<d1>[^${WORD}]*))\\k<d1>(?:\\d{1,3}[.)](?=(?<d2>[^${WORD}]*))\\k<d2>)?`;
/**
 * What marks the end of a speaker's tag: `:`, `>`, `|`, `]`, `»`, `!`…, or a
 * `-`, `/`, `&`, `+`, `_` that does not join a compound (`system-wide`).
 */
const SEPARATOR =
  `(?:[^${WORD}\\s,.;!?'"\\p{Ps}/&+_-]|!+|[/&+_-](?![${WORD}]))`;
const OPEN = "(?!\\()[\\p{Ps}<«]";
const CLOSE = "[\\p{Pe}>»]";
const INSIDE = "[\\s|/\\\\!#@*_.:~=-]{0,6}";
const QUOTE = "[\"'`]";
const UNDERSCORED = PROTOCOL_NAMES.filter((name) => name.includes("_"));
const PHASES = anyOf([...GAME_PHASES, "nuit", "jour", "aube", "sorcière"]);

/** The rules, on the key of one line. */
const IMITATIONS: readonly RegExp[] = [
  // SYSTEM: …, Narrator - …, [MJ] …, ⟮SYSTEM⟯ …, «Narrateur» …, **Admin**
  `${DECORATION}${LEAD}${AUTHORITY}[\\s'".]{0,6}(?:${SEPARATOR}|[^${WORD}]*$)`,
  // … [SYSTEM] …, … <system> …, … 【MJ】 … anywhere in the line
  `${OPEN}${INSIDE}${LEAD}${AUTHORITY}${INSIDE}${CLOSE}`,
  // chat-template tokens: <|im_start|>, <｜begin▁of▁sentence｜>, <|eot_id|>
  "<\\|[^|>\\n]{0,60}\\|>",
  `</?${
    literally([
      "s",
      "bos",
      "eos",
      "sop",
      "eop",
      "im_start",
      "im_end",
      "start_of_turn",
      "end_of_turn",
      "begin_of_text",
      "end_of_text",
      "endoftext",
      "eot_id",
      "start_header_id",
      "end_header_id",
    ])
  }>`,
  `\\[/?${
    literally([
      "inst",
      "sys",
      "system_prompt",
      "available_tools",
      "tool_calls",
      "tool_results",
      "tool_content",
    ])
  }\\]`,
  "<</?sys>>",
  // prompt formats: ### Instruction:, ### Response, ## Human
  `^\\s*#{1,6}\\s*${
    anyOf([
      "instruction",
      "instructions",
      "input",
      "response",
      "system",
      "user",
      "assistant",
      "human",
      "prompt",
      "context",
    ])
  }(?![${WORD}])`,
  // the narrator's headers: Nuit 3 : …, Jour deux — …, Day 2: …
  `${DECORATION}${
    anyOf(["nuit", "jour", "night", "day"])
  }\\s*(?:(?:n°|no|#)\\s*)?${NUMBER}(?![${WORD}])\\s*${SEPARATOR}`,
  // the demo's narration: == NIGHT (day 1) — …
  `${DECORATION}${PHASES}\\s*\\(\\s*(?:day|jour)\\s*${NUMBER}\\s*\\)`,
  // protocol: {"type": …}, {'is_werewolf': true}, {type: seer_result}
  `${QUOTE}\\s*${literally(PROTOCOL_KEYS)}\\s*${QUOTE}\\s*[:=]`,
  `\\{\\s*${literally(PROTOCOL_KEYS)}\\s*[:=]`,
  `(?:${DECORATION}|[{,]\\s*)${
    literally(["type", ...PROTOCOL_KEYS.filter((k) => /_|[A-Z]/.test(k))])
  }\\s*[:=]`,
  `(?<![${WORD}_])${literally(UNDERSCORED)}(?![${WORD}_])`,
].map((source) => new RegExp(source, "u"));

/** Announcements are short: only a line's first characters are read. */
const ANNOUNCED = 300;
const LEADING = new RegExp(`^[^${WORD}]+`, "u");

/** How many of the rules (the first) run on the reading, not the key. */
const READ = 2;

/**
 * Whether `line` imitates the game's or the system's voice (see the
 * module's rules); such a line is removed from speech.
 */
export function imitatesAuthority(line: string): boolean {
  const key = skeletonOf(line);
  const reading = readingOf(key);
  return IMITATIONS.some((rule, i) => rule.test(i < READ ? reading : key)) ||
    announces(wordsOf(key.replace(LEADING, "").slice(0, ANNOUNCED)));
}

/**
 * The comparison key of a text, for matching only (never shown): what the
 * text looks like rather than which code points spell it. It is the
 * confusables skeleton of Unicode TS #39 (the `unhomoglyph` package, built
 * from Unicode's `confusables.txt`) made caseless and accent-blind:
 *
 * 1. NFKC: full-width, mathematical, circled and ligature forms become
 *    their plain letters (`ＳＹＳ` → `SYS`, `𝐒` → `S`, `ﬁ` → `fi`);
 * 2. every non-ASCII character becomes its confusable prototype (Cyrillic
 *    `Ѕ`, Greek `Ν`, Cherokee `Ꮪ`, `⁚` → `S`, `N`, `S`, `:`), before and
 *    after lower-casing, so that capital and small look-alikes both fold;
 * 3. accents and other combining marks go (NFD, then marks dropped);
 * 4. `rn` reads as `m` and `l` as `i` (the letters a glance confuses).
 *
 * ASCII characters are left to steps 3 and 4: `confusables.txt` would turn
 * `0` into `O` and `1` into `l`, which would blur `p1` and `Day 1`;
 * leetspeak digits and spaced-out letters are read by
 * {@linkcode readingOf}, where they matter.
 * @module
 */
import unhomoglyph from "unhomoglyph";

const NON_ASCII = /[^\p{ASCII}]/gu;
const MARKS = /\p{M}+/gu;
const LETTER = /\p{L}/u;

/**
 * Letters that `confusables.txt` does not list but that read as Latin
 * letters at a glance: the small capitals, and the Cyrillic small letters
 * drawn like them.
 */
const SMALL_CAPITALS: Record<string, string> = Object.fromEntries(
  [..."ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ"].map((c, i) => [
    c,
    "abcdefghijklmnopqrstuvwyz"[i]!,
  ]).concat([["в", "b"], ["к", "k"], ["м", "m"], ["н", "h"], ["т", "t"]]),
);

const folded = new Map<string, string>();

/**
 * The prototype of one non-ASCII character; a mark, digit or sign whose
 * prototype is a letter (`—` → `ー`, `∣` → `l`) stays itself, so that
 * separators keep separating.
 */
function prototypeOf(char: string): string {
  let found = folded.get(char);
  if (found === undefined) {
    found = SMALL_CAPITALS[char] ?? unhomoglyph(char);
    if (!LETTER.test(char) && LETTER.test(found)) found = char;
    if (folded.size < 4096) folded.set(char, found);
  }
  return found;
}

const ASCII = /^\p{ASCII}*$/u;

/**
 * Steps 1 to 3 of the module (no `rn`/`l` folding): the caseless,
 * accent-blind prototype of `text`; linear in its length.
 */
export function prototypesOf(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKC").replace(NON_ASCII, prototypeOf).toLowerCase()
    .normalize("NFD").replace(MARKS, "").replace(NON_ASCII, prototypeOf)
    .toLowerCase();
}

/** The comparison key of `text` (see the module); linear in its length. */
export function skeletonOf(text: string): string {
  return prototypesOf(text).replaceAll("rn", "m").replaceAll("l", "i");
}

/** The digits and signs that stand for a letter of the key in leetspeak. */
const LEET: Record<string, string> = {
  "4": "a",
  "@": "a",
  "8": "b",
  "3": "e",
  "9": "g",
  "1": "i",
  "!": "i",
  "|": "i",
  "0": "o",
  "5": "s",
  "$": "s",
  "7": "t",
  "+": "t",
};

/** A run of single letters or digits apart: `s y s t e m`, `S/Y/S/T/E/M`. */
const SPACED =
  /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[\s._·•*'’/\\|~=-]{1,3}[\p{L}\p{N}](?![\p{L}\p{N}])){2,}/gu;
const GAPS = /[^\p{L}\p{N}]+/gu;
/** A dot within a word: `Ad.min`, `Sys·tem`. */
const DOTTED = /(?<=\p{L})[.·](?=\p{L})/gu;
/** Leetspeak inside a word: digits, `@`, `$` by a letter, `!|+` within. */
const LEETSPEAK =
  /(?<=\p{L})[0-9@$]|[0-9@$](?=\p{L})|(?<=\p{L})[!|+](?=\p{L})/gu;

/**
 * How a reader reads a key: letters spaced out are read as one word
 * (`s.y.s.t.e.m` → `system`), leetspeak digits and signs within a word as
 * the letters they stand for (`m0d3rat0r` → `moderator`, `$ystem`), and a
 * dot within a word is not there (`ad.min`).
 * Digits that stand alone (`p 3`, `Day 2`) stay digits. Linear.
 */
export function readingOf(key: string): string {
  return key.replace(SPACED, (run) => run.replace(GAPS, ""))
    .replace(LEETSPEAK, (c) => LEET[c] ?? c).replace(DOTTED, "");
}

/**
 * A regex source matching `phrase` (plain words, any case or accents) in
 * a key or a reading, its words apart by 1 to 3 non-letters. No anchors.
 */
export function phrasePattern(phrase: string): string {
  return skeletonOf(phrase).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"))
    .join("[^\\p{L}\\p{N}]{0,3}");
}

/**
 * Player names that impersonate: every `agent_message` carries the
 * speaker's name, so a name must not read as another seated player's, as
 * a player id, as a role or as the game's or the system's voice. Names are
 * compared by their skeleton (see `_skeleton.ts`): case, accents,
 * look-alike letters, leetspeak digits, separators and camel case
 * (`GameMaster`) do not make a name different.
 * @module
 */
import { ROLES } from "../contract/mod.ts";
import { AUTHORITY_WORDS } from "./_authority.ts";
import {
  phrasePattern,
  prototypesOf,
  readingOf,
  skeletonOf,
} from "./_skeleton.ts";
import { ROLE_WORDS } from "./roles.ts";

const WORD = "\\p{L}\\p{N}";

/** A whole-word matcher for each phrase (plural `s`/`x` allowed). */
function matchers(phrases: readonly string[]): [string, RegExp][] {
  return phrases.map((phrase) => [
    phrase,
    new RegExp(`(?<![${WORD}])${phrasePattern(phrase)}[sx]?(?![${WORD}])`, "u"),
  ]);
}

const AUTHORITIES = matchers(AUTHORITY_WORDS);
const ROLE_NAMES = matchers(ROLES.flatMap((role) => ROLE_WORDS[role]));
/** `p1`, `P 12`, `p-3`, `p１`: the shape of a seat's id. */
const PLAYER_ID = new RegExp(
  `(?<![${WORD}])p\\s?[-_.#]?\\s?\\p{Nd}+(?![${WORD}])`,
  "u",
);

/** How a name reads: its skeleton, camel case split, leetspeak read. */
function readingOfName(name: string): string {
  return readingOf(skeletonOf(name.replace(/(?<=\p{Ll})(?=\p{Lu})/gu, " ")));
}

const GAPS = /[^\p{L}\p{N}]+/gu;

/**
 * What two names are compared by, two ways: caseless (`alice` = `Alice`,
 * `Al1ce`), and with `I`, `1` and `|` read as `l` (`AIice`, `A1ice` =
 * `Alice`), each with `rn` read as `m`, separators gone and leetspeak
 * read. Two ways rather than one fold of `i` into `l`, so that `Cari` and
 * `Carl` stay two names.
 */
function comparisonKeys(name: string): [string, string] {
  const key = (text: string) =>
    readingOf(prototypesOf(text).replaceAll("rn", "m").replace(GAPS, ""));
  return [key(name), key(name.replace(/[I1|]/g, "l"))];
}

/** The first phrase found in `reading`, if any. */
function found(reading: string, among: [string, RegExp][]): string | null {
  return among.find(([, pattern]) => pattern.test(reading))?.[0] ?? null;
}

/**
 * Why `name` may not be taken next to the `seated` players, as a sentence
 * saying what to do instead, or null when it may: a name carrying a word
 * of the game's or the system's voice (`Moderat0r`, `Narrator - p1`), a
 * role's name (`p3 (seer)`, `Loup-Garou`), a player id (`p1`, `P 12`), or
 * reading like a seated player's name (`Аlice` with a Cyrillic `А` next
 * to `Alice`).
 */
export function nameRefusal(
  name: string,
  seated: readonly { id: string; name: string }[],
): string | null {
  const shown = JSON.stringify(name);
  const reading = readingOfName(name);
  const authority = found(reading, AUTHORITIES);
  if (authority !== null) {
    return `the name ${shown} reads as "${authority}", a word of the game's or the system's voice: a player name must not speak for the game (no system, narrator, moderator, MJ, admin, host, server, assistant, user…, in any spelling); choose another name`;
  }
  const role = found(reading, ROLE_NAMES);
  if (role !== null) {
    return `the name ${shown} carries the role name "${role}": a player name must not claim a role (${
      ROLES.join(", ")
    }, in English or French); choose another name`;
  }
  if (PLAYER_ID.test(skeletonOf(name))) {
    return `the name ${shown} is shaped like a player id (p and a number, as in p1): ids name the seats, so a name must not look like one; choose another name`;
  }
  const [caseless, dashed] = comparisonKeys(name);
  const twin = seated.find((seat) => {
    const [other, otherDashed] = comparisonKeys(seat.name);
    return other === caseless || otherDashed === dashed;
  });
  if (twin !== undefined) {
    return `the name ${shown} is taken in this game: it reads like ${
      JSON.stringify(twin.name)
    } (${twin.id}) once case, accents, look-alike letters, digits for letters and separators are ignored; choose a name that reads differently`;
  }
  return null;
}

/**
 * The narrator's voice: its own `phase_update` sentences (taken from
 * {@linkcode narrate} in every locale, for any day number, in digits or in
 * words) and the classic announcements of a Werewolf narrator in English
 * and French ("the village falls asleep", "la voyante se réveille"…), as
 * patterns on the words of a key (letters and digits, one space apart).
 * @module
 */
import { GAME_PHASES, LOCALES, ROLES, TURN_POLICIES } from "../contract/mod.ts";
import { narrate } from "./_narrator.ts";
import { ROLE_WORDS } from "./roles.ts";
import { skeletonOf } from "./_skeleton.ts";

/** Letters and digits of a key only, one space apart. */
export function wordsOf(key: string): string {
  return key.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Words of a plain phrase, keyed. */
function keyed(phrase: string): string {
  return wordsOf(skeletonOf(phrase));
}

const NUMBER_WORDS = [
  ..."un une deux trois quatre cinq six sept huit neuf dix onze douze".split(
    " ",
  ),
  ..."premier première deuxième second seconde troisième quatrième cinquième"
    .split(" "),
  ..."one two three four five six seven eight nine ten eleven twelve".split(
    " ",
  ),
  ..."first second third fourth fifth sixth seventh eighth ninth tenth".split(
    " ",
  ),
].map(keyed);

/** A day number, in digits or in words (keyed), as a regex source. */
export const NUMBER = `(?:\\d+|${NUMBER_WORDS.join("|")})`;

const ROLE_NAMES = ROLES.flatMap((role) => ROLE_WORDS[role]).map(keyed)
  .join("|");

/**
 * A sentence template: words, `#` for a number, `@` for a role's name,
 * `a/b` for either word, `w?` for an optional word.
 */
function sentence(template: string): string {
  return template.split(" ").map((token) => {
    const optional = token.endsWith("?");
    const bare = optional ? token.slice(0, -1) : token;
    const part = bare === "#"
      ? NUMBER
      : bare === "@"
      ? `(?:${ROLE_NAMES})`
      : `(?:${bare.split("/").map(keyed).join("|")})`;
    return optional ? `(?:${part} )?` : `${part} `;
  }).join("").replace(/ $/, "").replace(/ \)\?$/, ")?");
}

const CLASSICS = [
  "the? village falls asleep",
  "the? village goes to sleep",
  "the? village sleeps/awakens/wakes",
  "everyone/everybody close/closes/open/opens your/their eyes",
  "the? @ wake/wakes/awake/awakens",
  "the? @ open/opens their/his/her/your eyes",
  "it is now night/day #",
  "night/day # falls/begins/starts/breaks/dawns/ends",
  "the? night falls/begins",
  "dawn/day breaks/rises",
  "le village s endort",
  "le village dort",
  "le village se reveille/rendort",
  "tout le monde ferme/ouvre les yeux",
  "la/le/les? @ se reveille/reveillent/leve/levent",
  "la/le/les? @ ouvre/ouvrent les yeux",
  "la nuit tombe",
  "le jour se leve",
];

/**
 * The narrator's sentences, from `narrate`, in every locale, for any day
 * number.
 */
const OWN = LOCALES.flatMap((locale) => [
  ...GAME_PHASES.map((phase) => narrate(phase, 7, { locale })),
  ...TURN_POLICIES.map((turnPolicy) =>
    narrate("discussion", 7, { locale, turnPolicy })
  ),
  narrate("ended", 7, { locale, winner: "village" }),
  narrate("ended", 7, { locale, winner: "werewolves" }),
]).map((line) => keyed(line).replaceAll("7", NUMBER));

const ANNOUNCEMENTS = new RegExp(
  `^(?:${[...OWN, ...CLASSICS.map(sentence)].join("|")})(?: |$)`,
  "u",
);

/** Whether the words of a key start as one of the narrator's sentences. */
export function announces(words: string): boolean {
  return ANNOUNCEMENTS.test(words);
}

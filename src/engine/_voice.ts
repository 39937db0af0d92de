/**
 * Recognizes a line of speech that imitates the game's or the system's
 * voice: an authority tag (`[SYSTEM]`, `Narrateur :`, `<|im_start|>`, …),
 * one of the narrator's own announcements, or a protocol message. Matching
 * runs on a key of the line — compatibility-decomposed (full-width and
 * mathematical letters become ASCII), accents dropped, lower-cased and
 * common Cyrillic, Greek and small-capital look-alikes mapped to Latin.
 * @module
 */
import { GAME_PHASES } from "../contract/mod.ts";
import { narrate } from "./_narrator.ts";

/** Look-alike letters (both cases) and colons, and the ASCII they imitate. */
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  [
    ["a", "АΑаαᴀ"],
    ["b", "ВΒвβʙ"],
    ["c", "СϹсϲᴄ"],
    ["d", "ԁᴅ"],
    ["e", "ЕΕеєεᴇ"],
    ["f", "ꜰ"],
    ["g", "ɢ"],
    ["h", "НΗһнʜ"],
    ["i", "ІΙӀіιıɪ"],
    ["j", "Јјᴊ"],
    ["k", "КΚкκᴋ"],
    ["l", "ӏʟ"],
    ["m", "МΜмᴍ"],
    ["n", "Νηɴ"],
    ["o", "ОΟоοօᴏ"],
    ["p", "РΡрρᴘ"],
    ["q", "ԛ"],
    ["r", "ʀ"],
    ["s", "Ѕѕꜱ"],
    ["t", "ТΤтτᴛ"],
    ["u", "υսᴜ"],
    ["v", "νᴠ"],
    ["w", "ԝᴡ"],
    ["x", "ХΧхχ"],
    ["y", "ҮΥуүγʏ"],
    ["z", "Ζᴢ"],
    [":", "∶꞉ː"],
  ].flatMap(([ascii, looks]) =>
    [...looks!].map((look) => [look, ascii!] as const)
  ),
);
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "gu");

/** The comparison key of a line (never shown, only matched). */
function keyOf(line: string): string {
  return line.normalize("NFKD").replace(/\p{M}/gu, "")
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c).toLowerCase();
}

/** A phrase whose letters may be spaced out or dotted: `s y s t e m`. */
function spaced(phrase: string): string {
  return [...phrase].map((c) => c === " " ? "[\\s._·*'’-]*" : c)
    .join("[\\s._·*'’-]{0,3}");
}

/** Who may speak for the game, in English and French (key form). */
const AUTHORITIES = [
  "system",
  "systeme",
  "sys",
  "narrator",
  "narrateur",
  "narratrice",
  "moderator",
  "moderateur",
  "moderatrice",
  "modo",
  "mod",
  "administrator",
  "administrateur",
  "administratrice",
  "admin",
  "game master",
  "gamemaster",
  "gm",
  "maitre du jeu",
  "maitresse du jeu",
  "mj",
  "meneur de jeu",
  "meneuse de jeu",
  "meneur",
  "meneuse",
  "animateur",
  "animatrice",
  "conteur",
  "conteuse",
  "arbitre",
  "referee",
  "host",
  "hote",
  "server",
  "serveur",
  "engine",
  "moteur",
  "game",
  "jeu",
  "partie",
  "developer",
  "developpeur",
  "assistant",
  "user",
  "utilisateur",
  "tool",
  "instructions",
  "instruction",
  "inst",
].map(spaced).join("|");

/** Words that may come before the authority: `Annonce officielle du MJ`. */
const LEAD = "(?:(?:the|le|la|les|l|un|une|a|an|votre|your|notre|our)\\W+)?" +
  "(?:(?:(?:message|note|notice|annonce|announcement|avis|alerte|alert|" +
  "update|rappel|reminder|warning|avertissement|info|information|override|" +
  "official|officiel|officielle|urgent|important)\\W+){1,2}" +
  "(?:(?:du|de la|de l|des|de|from|by|of|to)\\W+(?:the\\W+)?)?)?";

/** Words that may follow it before a colon: `System message (day 2):`. */
const TRAIL = "(?:[^\\p{L}\\p{N}:]*(?:message|note|notice|prompt|override|" +
  "announcement|annonce|update|alert|alerte|info|instructions?|officiel|" +
  "officielle|official|says|dit|speaking|parle|du jeu|de jeu|du village|" +
  "de la partie|day|jour|night|nuit|\\d+)(?![\\p{L}\\p{N}])){0,3}";

const TAG = `${LEAD}(?:${AUTHORITIES})(?![\\p{L}\\p{N}])`;
const SQUARE = "<\\[{【〔〖〘〚⟨⟦⦃〈《❬❮❰❲❴⟪";
const ROUND = "(«‹「『⦅";
const OPEN = SQUARE + ROUND;
const CLOSE = ">\\])}】〕〗〙〛」』⟩⟧›»⦄⦆〉》❭❯❱❳❵⟫";
const INSIDE = "[\\s|/\\\\!#@*_.:~=-]*";

/** What a line may start with before the tag: markdown, quotes, emoji. */
const DECORATION =
  `^[^\\p{L}\\p{N}${OPEN}]*(?:\\d{1,3}[.)][^\\p{L}\\p{N}${OPEN}]*)?`;

const phaseWords = [...GAME_PHASES, "nuit", "jour", "aube", "sorciere"]
  .join("|");

/** The rules, on the key of one line. */
const IMITATIONS: readonly RegExp[] = [
  // [SYSTEM] …, <system>, </system>, <<SYS>>, [INST], 【MJ】 …
  new RegExp(`${DECORATION}[${SQUARE}]+${INSIDE}${TAG}`, "u"),
  // (SYSTEM) …, «Narrateur» … — closed, so "(le jeu est long)" stays
  new RegExp(
    `${DECORATION}[${ROUND}]+${INSIDE}${TAG}${TRAIL}[^\\p{L}\\p{N}]*?(?:[${CLOSE}:]|$)`,
    "u",
  ),
  // a whole square, angle or curly tag anywhere: … [SYSTEM] …, … <system> …
  new RegExp(`[${SQUARE}]${INSIDE}${TAG}${TRAIL}${INSIDE}[${CLOSE}]`, "u"),
  // SYSTEM: …, Narrateur : …, **MJ** : …, Message du système : …
  new RegExp(`${DECORATION}${TAG}${TRAIL}[^\\p{L}\\p{N}:]*:`, "u"),
  // ### System, **NARRATEUR**, a line that is only the tag
  new RegExp(`${DECORATION}${TAG}${TRAIL}[^\\p{L}\\p{N}]*$`, "u"),
  // chat-template tokens anywhere: <|im_start|>, <|eot_id|>
  /<\|[^|>\n]{0,40}\|>/u,
  // the narrator's headers: Nuit 3 : …, Jour 2 : …, Day 2: …
  new RegExp(
    `${DECORATION}(?:nuit|jour|night|day)\\s*(?:(?:n°|no|#)\\s*)?\\d+\\s*:`,
    "u",
  ),
  // the demo's narration: == NIGHT (day 1) — …
  new RegExp(
    `${DECORATION}(?:${phaseWords})\\s*\\(\\s*(?:day|jour)\\s*\\d+\\s*\\)`,
    "u",
  ),
  // a protocol message: {"type": "player_died", …}, "message_type": …
  /"(?:type|message_type)"\s*:\s*"/u,
];

/** Letters and digits only, one space apart: to compare sentences. */
function wordsOf(key: string): string {
  return key.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The narrator's own sentences (any day number), as word patterns. */
const NARRATOR: readonly RegExp[] = [
  ...GAME_PHASES.map((phase) => narrate(phase, 7)),
  narrate("ended", 7, "village"),
  narrate("ended", 7, "werewolves"),
].map((line) =>
  new RegExp(`^${wordsOf(keyOf(line)).replaceAll("7", "\\d+")}(?: |$)`, "u")
);

/**
 * Whether `line` imitates the game's or the system's voice (see the
 * module's rules); such a line is removed from speech.
 */
export function imitatesAuthority(line: string): boolean {
  const key = keyOf(line);
  if (IMITATIONS.some((rule) => rule.test(key))) return true;
  const words = wordsOf(key);
  return NARRATOR.some((sentence) => sentence.test(words));
}

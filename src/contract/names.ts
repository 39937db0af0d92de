/**
 * Sample player names, one per seat of the largest table: the names the
 * server's house bots take (in order, a taken name skipped), and those of
 * the demo's, `deno task play`'s and the tests' players (the first N).
 * @module
 */

/** 18 names, each a valid player name (1 to 40 characters, plain text). */
export const PLAYER_NAMES: readonly string[] = Object.freeze([
  "Alice",
  "Bruno",
  "Chloé",
  "David",
  "Elsa",
  "Farid",
  "Gaëlle",
  "Hugo",
  "Inès",
  "Jules",
  "Karim",
  "Léa",
  "Manon",
  "Nathan",
  "Olga",
  "Pierre",
  "Quentin",
  "Rose",
]);

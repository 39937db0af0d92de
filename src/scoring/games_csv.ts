/**
 * `games.csv`: one row per game and seat, RFC 4180 (comma-separated, CRLF
 * line ends, a field quoted when it holds a comma, a quote or a line end).
 * @module
 */
import { DEFAULT_CAUSES } from "../contract/mod.ts";
import type { GameResult, Results } from "./results.ts";

type Seat = GameResult["seats"][number];
type Cell = string | number | boolean | null;

/** The columns, in order: each a header and how a row gets its value. */
const COLUMNS: [string, (game: GameResult, seat: Seat) => Cell][] = [
  ["game", (g) => g.id],
  ["seed", (g) => g.seed],
  ["winner", (g) => g.winner],
  ["days", (g) => g.days],
  ["voided", (g) => g.voided],
  ["self_play", (g) => g.selfPlay],
  ["player_id", (_, s) => s.player_id],
  ["agent", (_, s) => s.agent],
  ["role", (_, s) => s.role],
  ["side", (_, s) => s.side],
  ["won", (_, s) => s.won],
  ["alive", (_, s) => s.alive],
  ["votes", (_, s) => s.votes],
  ["votes_on_werewolves", (_, s) => s.votesOnWerewolves],
  ["messages", (_, s) => s.messages],
  ["chars", (_, s) => s.chars],
  ...DEFAULT_CAUSES.map((cause): [string, (g: GameResult, s: Seat) => Cell] => [
    `defaults_${cause}`,
    (_, s) => s.defaults[cause],
  ]),
  ["prompt_tokens", (_, s) => s.promptTokens],
  ["completion_tokens", (_, s) => s.completionTokens],
  ["cost_usd", (_, s) => s.costUsd],
];

/** The header row's names, in order. */
export const GAMES_CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) =>
  name
);

function field(value: Cell): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `results.games` as CSV: a header, then one row per game and seat in
 * game order and seat order; an unknown seed is an empty field.
 */
export function gamesCsv(results: Results): string {
  const rows = [GAMES_CSV_COLUMNS.map(field).join(",")];
  for (const game of results.games) {
    for (const seat of game.seats) {
      rows.push(COLUMNS.map(([, get]) => field(get(game, seat))).join(","));
    }
  }
  return rows.join("\r\n") + "\r\n";
}

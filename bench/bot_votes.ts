/**
 * How well the house bots play, against a random bot: seeded tables of
 * bots on the pure engine (`src/game/bot_table.ts`), each side's minds
 * either the house bots' or uniformly random legal moves, and the village
 * side's vote accuracy (the share of its day votes cast on werewolves).
 * Prints a Markdown table; the same flags give the same numbers.
 *
 * ```sh
 * deno run bench/bot_votes.ts [--games 200] [--seed 1] [--players 8]
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  type MindKind,
  type VoteAccuracy,
  voteAccuracy,
} from "../src/game/bot_table.ts";

/** The pairings measured: the village side's minds, the werewolves'. */
export const PAIRINGS: readonly [MindKind, MindKind][] = [
  ["house", "house"],
  ["random", "random"],
  ["house", "random"],
  ["random", "house"],
];

/** One row per pairing, as Markdown. */
export function table(
  rows: readonly { village: MindKind; werewolves: MindKind; r: VoteAccuracy }[],
): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    "| Village | Werewolves | Games | Village votes | On a werewolf | Accuracy | Village wins |",
    "| ------- | ---------- | ----- | ------------- | ------------- | -------- | ------------ |",
    ...rows.map(({ village, werewolves, r }) =>
      `| ${village} | ${werewolves} | ${r.games} | ${r.votes} | ${r.onWerewolves} | ${
        pct(r.share)
      } | ${pct(r.villageWins / r.games)} |`
    ),
  ].join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      games: { type: "string", default: "200" },
      seed: { type: "string", default: "1" },
      players: { type: "string", default: "8" },
    },
    strict: true,
  });
  const [games, seed, players] = [values.games, values.seed, values.players]
    .map(Number) as [number, number, number];
  if (
    ![games, seed].every(Number.isSafeInteger) || games < 1 || seed < 0 ||
    !Number.isInteger(players) || players < 5 || players > 18
  ) {
    console.error(
      "--games takes a whole number of 1 or more, --seed one of 0 or more, --players 5 to 18",
    );
    Deno.exit(2);
  }
  const rows = PAIRINGS.map(([village, werewolves]) => ({
    village,
    werewolves,
    r: voteAccuracy(games, { seed, players, village, werewolves }),
  }));
  console.log(table(rows));
}

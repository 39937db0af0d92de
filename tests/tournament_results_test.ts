import assert from "node:assert/strict";
import {
  GAMES_CSV_COLUMNS,
  gamesCsv,
  leaderboardMarkdown,
  ResultsSchema,
  scoreGames,
} from "../tournament/mod.ts";
import { allGames, game1, game3, teams } from "./_tournament_games.ts";

const scored = () =>
  scoreGames({
    games: allGames(),
    refusals: { alpha: 3 },
    bootstrap: { resamples: 50, seed: 9 },
  });

Deno.test("results survive JSON: what scoreGames returns is plain JSON that ResultsSchema reads back unchanged", () => {
  const results = scored();
  const json = JSON.parse(JSON.stringify(results));
  assert.deepEqual(ResultsSchema.parse(json), results);
});

Deno.test("gamesCsv has one row per game and seat, in order, with the seat's counts", () => {
  const lines = gamesCsv(scored()).split("\r\n");
  assert.equal(lines.at(-1), ""); // ends with CRLF
  assert.equal(lines[0], GAMES_CSV_COLUMNS.join(","));
  assert.deepEqual(GAMES_CSV_COLUMNS, [
    "game",
    "seed",
    "winner",
    "days",
    "voided",
    "self_play",
    "player_id",
    "agent",
    "role",
    "side",
    "won",
    "alive",
    "votes",
    "votes_on_werewolves",
    "messages",
    "chars",
    "defaults_deadline",
    "defaults_model_error",
    "defaults_invalid_output",
    "prompt_tokens",
    "completion_tokens",
    "cost_usd",
  ]);
  assert.equal(lines.length, 1 + 5 * 7 + 1);
  // G1 p1: alpha's werewolf, won, 2 votes, 1 message of 15 characters, 100+20 tokens, $0.002.
  assert.equal(
    lines[1],
    "g-game1,101,werewolves,2,false,false,p1,alpha,werewolf,werewolves,true,true,2,0,1,15,0,0,0,100,20,0.002",
  );
  // G1 p6: beta's hunter, no vote (day 1 abstained, day 2 a deadline default).
  assert.equal(
    lines[6],
    "g-game1,101,werewolves,2,false,false,p6,beta,hunter,village,false,true,0,0,0,0,1,0,0,0,0,0",
  );
  // G4 p3: beta's seer in the voided game, its model_error default and 10 prompt tokens.
  assert.equal(
    lines[1 + 3 * 7 + 2],
    "g-game4,104,werewolves,1,true,false,p3,beta,seer,village,false,true,0,0,0,0,0,1,0,10,0,0",
  );
  // G5 p4: alpha's witch in the self-play game.
  assert.equal(
    lines[1 + 4 * 7 + 3],
    "g-game5,105,village,1,false,true,p4,alpha,witch,village,true,true,1,1,0,0,0,0,0,0,0,0",
  );
});

Deno.test("gamesCsv quotes a field holding a comma or a quote", () => {
  const results = scoreGames({
    games: [{ ...game3(), seats: teams('say "hi", then', "b") }],
    bootstrap: { resamples: 1 },
  });
  const row = gamesCsv(results).split("\r\n")[1]!;
  assert.equal(row.split(",")[7], '"say ""hi""');
  assert.match(row, /,p1,"say ""hi"", then",werewolf,/);
});

Deno.test("leaderboardMarkdown ranks by OpenSkill with intervals and shows win rates, play, health, self-play and the voided games", () => {
  const results = scored();
  const md = leaderboardMarkdown(results);
  assert.ok(
    md.startsWith(
      "# Leaderboard\n\n5 games: 3 rated, 1 self-play (reported apart, not rated), 1 voided (a default caused by model_error, not counted): g-game4.\n",
    ),
  );
  const [alpha, beta] = results.agents;
  const s = alpha!.openskill.overall;
  const w = alpha!.elo.werewolves;
  assert.ok(md.includes(
    `| 1 | alpha | ${s.mu.toFixed(2)} [${s.low.toFixed(2)}, ${
      s.high.toFixed(2)
    }] | ${s.sigma.toFixed(2)} | ${w.rating.toFixed(0)} [${w.low.toFixed(0)}, ${
      w.high.toFixed(0)
    }] |`,
  ));
  assert.equal(beta!.agent, "beta");
  // Win rates: 2 of 3 [.2077, .9385]; 1 of 2 [.0945, .9055]; 1 of 1 [.2065, 1].
  assert.ok(
    md.includes(
      "| 2/3 66.7% [20.8, 93.9] | 1/2 50.0% [9.5, 90.5] | 1/1 100.0% [20.7, 100.0] |",
    ),
  );
  assert.ok(
    md.includes(
      "| beta | 0/1 0.0% [0.0, 79.3] | 1/2 50.0% [9.5, 90.5] | 1/2 50.0% [9.5, 90.5] |",
    ),
  );
  assert.ok(
    md.includes(
      "| alpha | 100.0% | 50.0% | 100.0% | 100.0% | 100.0% | 100.0% | 1 | 0 | 2.00 | 0.67 | 8.7 |",
    ),
  );
  assert.ok(
    md.includes(
      "| beta | 83.3% | 100.0% | 50.0% | 100.0% | 50.0% | 100.0% | 2 | 2 | 1.00 | 0.67 | 7.7 |",
    ),
  );
  assert.ok(
    md.includes(
      "| alpha | 5 | 3 | 0 / 0 / 1 | 500 / 700 | 66.0 / 12.6 | 0.0014 |",
    ),
  );
  assert.ok(
    md.includes("| beta | 5 | 0 | 1 / 1 / 0 | 200 / 900 | 30.0 / 3.0 | – |"),
  );
  assert.ok(
    md.includes(
      "## Self-play (not rated)\n\n| Agent | Self-play games | As werewolves | As village |\n| --- | --- | --- | --- |\n| alpha | 1 | 0/1 0.0% [0.0, 79.3] | 1/1 100.0% [20.7, 100.0] |",
    ),
  );
});

Deno.test("leaderboardMarkdown shows a dash for what has no games and escapes a '|' in a name", () => {
  const md = leaderboardMarkdown(scoreGames({
    games: [{ ...game1(), seats: teams("a|b", "c") }],
    agents: ["a|b", "c", "idle"],
    bootstrap: { resamples: 1 },
  }));
  assert.ok(md.includes("none voided"));
  assert.ok(md.includes("| a\\|b |"));
  assert.ok(
    md.includes("| idle | – | – | – | – | – | – |"),
    "no games in any role",
  );
});

/**
 * The tournaments' view's DOM-free model (`web/leaderboard_model.ts`): its
 * routes, and what it folds out of `results.json` (scored here from the
 * hand-written games of `tests/_tournament_games.ts`) for the tables and
 * the charts: values read as the server gave them, only ordered and
 * formatted.
 * @module
 */
import assert from "node:assert/strict";
import { type Results, scoreGames } from "../tournament/mod.ts";
import {
  boardGames,
  boardHash,
  boardRouteOf,
  boardRows,
  costPoints,
  historyLines,
  intervalText,
  percentText,
  roleTable,
  usdText,
} from "../web/leaderboard_model.ts";
import { allGames } from "./_tournament_games.ts";

const scored = (): Results =>
  scoreGames({ games: allGames(), bootstrap: { resamples: 20, seed: 3 } });

Deno.test("boardRouteOf reads the list and one tournament, in English or ?lang=fr, and nothing else; boardHash writes them back", () => {
  const id = "t-abcdefghij12";
  const table: [string, ReturnType<typeof boardRouteOf>][] = [
    ["#/tournaments", { tournamentId: null, locale: "en" }],
    ["#/tournaments?lang=fr", { tournamentId: null, locale: "fr" }],
    [`#/tournaments/${id}`, { tournamentId: id, locale: "en" }],
    [`#/tournaments/${id}?lang=fr`, { tournamentId: id, locale: "fr" }],
    [`#/tournaments/${id}?lang=en`, { tournamentId: id, locale: "en" }],
    ["#/tournaments/t-short", null],
    ["#/tournaments?lang=de", null],
    ["#/", null],
    ["", null],
    ["#/games/g-abcd1234", null],
  ];
  for (const [hash, route] of table) {
    assert.deepEqual(boardRouteOf(hash), route, hash);
    if (route !== null) {
      assert.deepEqual(
        boardRouteOf(boardHash(route.tournamentId, route.locale)),
        route,
      );
    }
  }
  assert.equal(boardHash(null), "#/tournaments");
  assert.equal(boardHash(id, "fr"), `#/tournaments/${id}?lang=fr`);
});

Deno.test("boardRows keeps results.json's ranking with μ's bootstrap interval, the Wilson win rate and cost per game (null without a reported cost)", () => {
  const results = scored();
  const rows = boardRows(results);
  assert.deepEqual(
    rows.map((r) => r.agent),
    results.agents.map((a) => a.agent),
  );
  assert.deepEqual(rows.map((r) => r.rank), rows.map((_, i) => i + 1));
  for (const [i, row] of rows.entries()) {
    const agent = results.agents[i]!;
    assert.deepEqual(
      [row.mu, row.low, row.high],
      [
        agent.openskill.overall.mu,
        agent.openskill.overall.low,
        agent.openskill.overall.high,
      ],
    );
    assert.deepEqual(row.win, agent.record.overall);
    assert.equal(
      row.costPerGame,
      agent.health.cost.samples > 0 ? agent.health.cost.usdPerGame : null,
    );
  }
  // without any reported cost, every row's cost is null and no point is drawn
  const free: Results = {
    ...results,
    agents: results.agents.map((a) => ({
      ...a,
      health: { ...a.health, cost: { usd: 0, samples: 0, usdPerGame: 0 } },
    })),
  };
  assert.deepEqual(boardRows(free).map((r) => r.costPerGame), [null, null]);
  assert.deepEqual(costPoints(free), []);
});

Deno.test("roleTable lists only the roles someone held, werewolf first; historyLines is ratingHistory as is; costPoints only agents with a cost", () => {
  const results = scored();
  const roles = roleTable(results);
  assert.deepEqual(roles.roles, [
    "werewolf",
    "villager",
    "seer",
    "witch",
    "guard",
    "hunter",
  ]);
  assert.deepEqual(
    roles.agents.map((a) => a.byRole),
    results.agents.map((a) => a.record.byRole),
  );
  const lines = historyLines(results);
  assert.deepEqual(lines.games, [1, 2, 3]);
  for (const line of lines.lines) {
    assert.deepEqual(
      line.mu,
      results.ratingHistory.map((step) => step.mu[line.agent]),
    );
  }
  const costs = costPoints(results);
  for (const point of costs) {
    const agent = results.agents.find((a) => a.agent === point.agent)!;
    assert.ok(agent.health.cost.samples > 0);
    assert.equal(point.usd, agent.health.cost.usdPerGame);
    assert.equal(point.winRate, agent.record.overall.rate);
  }
  assert.deepEqual(
    costs.map((p) => p.agent),
    results.agents.filter((a) => a.health.cost.samples > 0).map((a) => a.agent),
  );
});

Deno.test("boardGames: every ended game in order, rated, voided or self-play, linked to its replay's first step", () => {
  const games = boardGames(scored());
  assert.deepEqual(games.map((g) => [g.gameId, g.count, g.href]), [
    ["g-game1", "rated", "#/games/g-game1?step=1"],
    ["g-game2", "rated", "#/games/g-game2?step=1"],
    ["g-game3", "rated", "#/games/g-game3?step=1"],
    ["g-game4", "voided", "#/games/g-game4?step=1"],
    ["g-game5", "self_play", "#/games/g-game5?step=1"],
  ]);
});

Deno.test("percentText, usdText and intervalText: '–' for nothing to show, the locale's own number format otherwise", () => {
  assert.equal(percentText("en", null), "–");
  assert.equal(percentText("en", 0.5), "50%");
  assert.match(percentText("fr", 0.5), /^50\s%$/); // a no-break space
  assert.equal(usdText("en", null), "–");
  assert.equal(usdText("en", 0.0015), "$0.0015");
  assert.equal(intervalText("41%", "77%"), "[41% – 77%]");
});

/**
 * The tournaments' view in headless Chromium: a small bot tournament
 * (`house` against `random`, fast games of 6) registered on a test server,
 * its page opened before any game ended, then played by the runner: the
 * leaderboard follows it live to the end, its rows and intervals are those
 * of `tournament.results`, every chart's canvas is drawn, a game's link
 * opens its replay, and the view reads the same in French. Screenshots in
 * tests/artifacts/ (leaderboard.png, leaderboard_fr.png).
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  parseConfig,
  runTournament,
  tournamentSpec,
} from "../tournament/mod.ts";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { connectClient, startTestServer } from "./_helpers.ts";

const ignore = SKIP_BROWSER;
const ADMIN = "leaderboard-admin";
const GAMES = 4;
const CHARTS = ["rating", "winrate", "roles", "history", "cost"];

/** The numbers of a cell's `data-low` and `data-high`. */
async function bounds(page: Page, selector: string): Promise<number[]> {
  const cell = page.locator(selector);
  return [
    Number(await cell.getAttribute("data-low")),
    Number(await cell.getAttribute("data-high")),
  ];
}

Deno.test({
  name:
    "the tournaments' view lists a tournament, follows its leaderboard live to the end with the results' ranking and intervals, draws every chart, links each game to its replay, in English and French",
  ignore,
  async fn() {
    await using test = await startTestServer({
      adminToken: ADMIN,
      wsMaxConnectionsPerIp: 0,
      maxConnectionsPerIp: 0,
      rateLimitPerSecond: 0,
    });
    const parsed = parseConfig({
      name: "Page cup",
      agents: [
        { name: "house", kind: "bot", strategy: "house" },
        { name: "random", kind: "bot", strategy: "random" },
      ],
      games: GAMES,
      players: 6,
      actionTimeoutMs: 5000,
      seed: 15,
      schedule: "rotation",
      concurrency: { games: 2 },
    });
    assert.ok(parsed.ok);
    await using admin = connectClient(test.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    // registered first, so the page opens before any game ended
    const { tournament } = await admin.trpc.tournament.create.mutate(
      await tournamentSpec(parsed.config),
    );
    const id = tournament.tournamentId;

    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${test.httpUrl}/`, {
      width: 1366,
      height: 900,
    });
    await page.click("#tournaments-link");
    const row = page.locator(`#tournament-list tr[data-tournament=${id}]`);
    await row.waitFor();
    assert.equal(await row.locator("th a").textContent(), "Page cup");
    assert.equal(await row.locator(".played").textContent(), `0 / ${GAMES}`);
    await row.locator("th a").click();
    await page.waitForSelector("#board-no-games");
    assert.equal(await page.textContent("#tournaments-title"), "Page cup");

    // the runner finds the registered tournament (same key) and plays it
    const outcome = await runTournament(parsed.config, {
      url: test.wsUrl,
      adminToken: ADMIN,
    });
    assert.equal(outcome.tournamentId, id);
    await page.waitForSelector(`#board-progress[data-done='${GAMES}']`, {
      timeout: 30_000,
    });
    const games = page.locator("#tournament-games tbody tr");
    for (let i = 0; i < 200 && await games.count() !== GAMES; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await games.count(), GAMES);
    const results = await admin.trpc.tournament.results.query({
      tournamentId: id,
    });
    assert.equal(results.counts.games, GAMES);

    // the rows: results.json's ranking, μ's and the win rate's intervals
    const agents = await page.$$eval(
      "#leaderboard tbody tr",
      (rows) => rows.map((r) => r.getAttribute("data-agent")),
    );
    assert.deepEqual(agents, results.agents.map((a) => a.agent));
    for (const agent of results.agents) {
      const tr = `#leaderboard tr[data-agent=${agent.agent}]`;
      const { low, high, mu } = agent.openskill.overall;
      assert.deepEqual(await bounds(page, `${tr} .mu-interval`), [low, high]);
      assert.ok(
        low <= mu && mu <= high,
        `${agent.agent}: ${low} ${mu} ${high}`,
      );
      const win = agent.record.overall;
      assert.deepEqual(
        await bounds(page, `${tr} td[data-low]:not(.mu-interval)`),
        [
          win.low,
          win.high,
        ],
      );
      assert.equal(
        await page.textContent(`${tr} td:nth-child(3)`),
        String(win.games),
      );
      assert.equal(await page.textContent(`${tr} .cost`), "–"); // bots cost nothing
      assert.match(
        await page.textContent(`${tr} td:nth-child(7)`) ?? "",
        /^\d+% \[\d+% – \d+%\]$/,
      );
    }
    assert.ok((await page.locator("#roles tbody tr").count()) === 2);
    // every chart drawn: its canvas sized and given its datasets
    for (const chart of CHARTS) {
      const canvas = page.locator(`canvas[data-chart=${chart}]`);
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      assert.ok(box !== null && box.width > 100 && box.height > 100, chart);
      assert.ok(await canvas.getAttribute("data-series") !== null, chart);
    }
    assert.equal(
      await page.getAttribute("canvas[data-chart=history]", "data-series"),
      "2",
    );
    assert.equal(
      await page.getAttribute("canvas[data-chart=cost]", "data-series"),
      "0",
    );
    await page.waitForSelector("#cost-none");
    await page.screenshot({
      path: new URL("leaderboard.png", ARTIFACTS).pathname,
      fullPage: true,
    });

    // French: the same board in French words
    await page.click("a[hreflang=fr]");
    await page.waitForSelector("#tournaments[data-locale=fr]");
    assert.equal(await page.getAttribute("#tournaments", "lang"), "fr");
    assert.equal(
      await page.textContent("#board-progress"),
      `${GAMES} parties jouées sur ${GAMES} `,
    );
    assert.match(
      await page.textContent("#leaderboard caption") ?? "",
      /^Classé par μ OpenSkill/,
    );
    assert.match(
      await page.textContent("#leaderboard tbody tr td:nth-child(7)") ?? "",
      /^\d+\s% \[\d+\s% – \d+\s%\]$/,
    );
    for (const chart of CHARTS) {
      await page.locator(`canvas[data-chart=${chart}][data-series]`).waitFor();
    }
    assert.equal(
      await page.textContent("#tournament-games thead th:last-child"),
      "Revoir",
    );
    await page.screenshot({
      path: new URL("leaderboard_fr.png", ARTIFACTS).pathname,
      fullPage: true,
    });

    // a game's link opens its replay
    const first = results.games[0]!.id;
    await page.click(`#tournament-games tr[data-game=${first}] .replay-link`);
    await page.waitForSelector(`#game[data-game-id=${first}]`);
    await page.waitForSelector("#replay-step[data-step='1']");
    assert.equal(new URL(page.url()).hash, `#/games/${first}?step=1`);
    assert.deepEqual(errors, []);
  },
});

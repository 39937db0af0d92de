/**
 * The page in the game's language, in headless Chromium: a French game
 * (made from the lobby's form with "Français") shows French panel titles,
 * phase names, replay controls, the narrator's French lines and the turn
 * and vote policies' words (the rules summary, a round's order, the
 * revealed votes); an English
 * game the English ones; the lobby stays English. Screenshots in
 * tests/artifacts/locale_{en,fr}.png.
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { GameEventOf, Locale } from "../src/mod.ts";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { startTestServer, waitFor } from "./_helpers.ts";

const ignore = SKIP_BROWSER;
const SIZE = { width: 1366, height: 900 };

/** What each language's page must show. */
const EXPECTED: Record<Locale, {
  square: string;
  vote: RegExp;
  players: string;
  ended: string;
  play: string;
  close: string;
  night1: string;
  rules: RegExp;
  order: RegExp;
  revealed: string;
}> = {
  en: {
    square: "The village square",
    vote: /^The vote of day \d+$/,
    players: "Players",
    ended: "The end",
    play: "▶ Play",
    close: "Close the replay",
    night1: "Night 1: the village falls asleep and the werewolves wake.",
    rules:
      /^Rules of this game a random order each round; votes hidden until the vote closes$/,
    order: /^Round 1's order: \S.* → .*\.$/,
    revealed: "Revealed together when the vote closed:",
  },
  fr: {
    square: "La place du village",
    vote: /^Le vote du jour \d+$/,
    players: "Joueurs",
    ended: "Fin",
    play: "▶ Lecture",
    close: "Fermer la revue",
    night1: "Nuit 1 : le village s'endort, les loups-garous se réveillent.",
    rules:
      /^Règles de cette partie un ordre tiré à chaque tour; votes cachés jusqu'à la fin du vote$/,
    order: /^Ordre du tour 1 : \S.* → .*\.$/,
    revealed: "Révélés ensemble à la fin du vote :",
  },
};

/**
 * Creates a game of house bots from the lobby's form in `locale`, with a
 * random order of speech and simultaneous votes (so the policies' lines
 * show too).
 */
async function createFromPage(page: Page, locale: Locale): Promise<string> {
  await page.waitForSelector("#create-demo");
  assert.equal(await page.textContent("#lobby-title"), "Games");
  await page.fill("input[name=name]", `In ${locale}`);
  await page.fill("input[name=players]", "5");
  await page.fill("input[name=think]", "0");
  await page.selectOption("#create-locale", locale);
  await page.selectOption("select[name=turnPolicy]", "random_order");
  await page.selectOption("select[name=votePolicy]", "simultaneous");
  await page.click("#create-demo button[type=submit]");
  await page.waitForSelector("#game[data-game-id]");
  const gameId = await page.getAttribute("#game", "data-game-id");
  assert.ok(gameId !== null);
  return gameId;
}

Deno.test({
  name:
    "a French game's page (lobby form, Français) shows French panel titles, phase names, replay controls and the narrator's French lines; an English game's the English ones; screenshots tests/artifacts/locale_{en,fr}.png",
  ignore,
  async fn() {
    await using test = await startTestServer();
    await using browser = await launchBrowser();
    for (const locale of ["fr", "en"] as const) {
      const want = EXPECTED[locale];
      const { page, errors } = await browser.open(`${test.httpUrl}/`, SIZE);
      const gameId = await createFromPage(page, locale);
      const room = test.server.games.room(gameId);
      await waitFor(
        () => room.state.phase === "ended",
        "the game's end",
        30_000,
      );
      await page.waitForSelector("#game[data-status=ended]");
      assert.equal(await page.getAttribute("#game", "lang"), locale);
      assert.equal(await page.textContent("#live-chat-public"), want.square);
      assert.match(
        (await page.textContent("#live-vote")) ?? "",
        want.vote,
      );
      assert.match(
        (await page.textContent("#live-players")) ?? "",
        new RegExp(`^${want.players} `),
      );
      assert.equal(await page.textContent(".phase-name"), want.ended);
      const lines = await page.$$eval(
        "[data-board=live] .lines[data-channel=public] .text",
        (items) => items.map((item) => item.textContent ?? ""),
      );
      assert.ok(lines.includes(want.night1), `${locale}: ${lines[1]}`);
      assert.ok(
        lines.some((line) => want.order.test(line)),
        `${locale}: a round's order in ${lines.join(" | ")}`,
      );
      assert.match(
        (await page.textContent("[data-board=live] details.rules summary") ??
          "").replace(/\s+/g, " ").trim(),
        want.rules,
      );
      assert.equal(
        await page.textContent("[data-board=live] .hidden-votes"),
        want.revealed,
      );
      const narrated = room.log
        .filter((e): e is GameEventOf<"phase_update"> =>
          e.type === "phase_update"
        )
        .map((e) => e.description);
      for (const description of narrated) {
        assert.ok(lines.includes(description), description);
      }
      await page.screenshot({
        path: new URL(`locale_${locale}.png`, ARTIFACTS).pathname,
      });
      await page.click("#replay-open");
      await page.waitForSelector("#replay-step[data-step='1']");
      assert.equal(await page.textContent("#replay-play"), want.play);
      assert.equal(await page.textContent("#replay-close"), want.close);
      await page.click("#replay-close");
      await page.click("a.back");
      await page.waitForSelector("#create-demo");
      assert.equal(await page.textContent("#lobby-title"), "Games");
      assert.deepEqual(errors, []);
      await page.close();
    }
  },
});

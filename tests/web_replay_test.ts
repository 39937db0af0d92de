/**
 * The replay in headless Chromium: it takes the final board's place (never
 * a second board), its bar stays in the window while the page scrolls,
 * autoplay runs at the chosen speed to the end, a link to a step opens the
 * replay there with the step's speaker marked on the table, and the night's
 * secrets are headed night by night. Screenshots in tests/artifacts/.
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { GameEvent } from "../src/mod.ts";
import { foldGame } from "../web/model.ts";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { connectClient, startTestServer, waitFor } from "./_helpers.ts";

const ignore = SKIP_BROWSER;
const SIZE = { width: 1366, height: 900 };

/** An ended demo game of 8 house bots; its whole log. */
async function endedGame(
  test: Awaited<ReturnType<typeof startTestServer>>,
): Promise<{ gameId: string; log: readonly GameEvent[] }> {
  await using ui = connectClient(test.wsUrl);
  const { gameId } = await ui.trpc.lobby.createDemoGame.mutate({
    players: 8,
    thinkMs: 0,
    name: "Replayed",
  });
  const room = test.server.games.room(gameId);
  await waitFor(() => room.state.phase === "ended", "the game's end", 30_000);
  return { gameId, log: room.log };
}

/** The replay's step as the page shows it. */
async function stepOf(page: Page): Promise<number> {
  return Number(await page.getAttribute("#replay-step", "data-step"));
}

/** Waits (polling, at most 20 s) until the page's step satisfies `ok`. */
async function untilStep(
  page: Page,
  ok: (step: number) => boolean,
): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (ok(await stepOf(page))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the replay's step stays at ${await stepOf(page)}`);
}

Deno.test({
  name:
    "the replay replaces the final board, its bar stays in the window while the page scrolls, autoplay plays to the end at the chosen speed, and closing it brings the final board back",
  ignore,
  async fn() {
    await using test = await startTestServer();
    const { gameId, log } = await endedGame(test);
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${gameId}`,
      SIZE,
    );
    await page.waitForSelector("#game[data-status=ended]");
    assert.equal(await page.locator("[data-board]").count(), 1);
    await page.click("#replay-open");
    await page.waitForSelector("#replay-step[data-step='1']");
    assert.equal(await page.locator("[data-board=live]").count(), 0);
    assert.equal(await page.locator("[data-board=replay]").count(), 1);
    assert.equal(await page.locator("#replay-open").count(), 0);
    assert.equal(
      await page.getAttribute("#replay-step", "data-last"),
      String(log.length),
    );

    await page.evaluate(() => {
      const scope = globalThis as unknown as {
        scrollTo(x: number, y: number): void;
        document: { body: { scrollHeight: number } };
      };
      scope.scrollTo(0, scope.document.body.scrollHeight);
    });
    const scrolled = await page.evaluate(() =>
      (globalThis as unknown as { scrollY: number }).scrollY
    );
    assert.ok(scrolled > 100, `the page scrolls (${scrolled}px)`);
    const bar = await page.locator(".replay-bar").boundingBox();
    assert.ok(bar !== null && bar.y >= 0 && bar.y < 5, JSON.stringify(bar));
    const play = await page.locator("#replay-play").boundingBox();
    assert.ok(play !== null && play.y + play.height <= SIZE.height);
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: new URL("replay_scrolled_1366x900.png", ARTIFACTS).pathname,
    });

    await page.selectOption("#replay-speed", "30");
    await page.click("#replay-play");
    assert.equal(
      await page.getAttribute("#replay-play", "aria-pressed"),
      "true",
    );
    await untilStep(page, (n) => n > 5);
    await page.click("#replay-play"); // pause
    assert.equal(
      await page.getAttribute("#replay-play", "aria-pressed"),
      "false",
    );
    const paused = await stepOf(page);
    await page.click("#replay-next");
    assert.equal(await stepOf(page), paused + 1);
    // near the end, autoplay stops by itself on the last step
    await page.fill("#replay-slider", String(log.length - 20));
    await page.click("#replay-play");
    await page.waitForSelector(`#replay-step[data-step='${log.length}']`, {
      timeout: 30_000,
    });
    await page.waitForSelector("#replay-play[aria-pressed=false]");
    assert.equal(
      await page.getAttribute("[data-board=replay] .winner", "data-winner"),
      log.at(-1)?.type === "game_over"
        ? (log.at(-1) as { winner: string }).winner
        : "?",
    );

    await page.click("#replay-close");
    await page.waitForSelector("[data-board=live]");
    assert.equal(await page.locator("[data-board=replay]").count(), 0);
    assert.equal(
      await page.evaluate(() => location.hash),
      `#/games/${gameId}`,
    );
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "a link to a step (#/games/{id}?step=N) opens the replay at step N with its speaker marked on the table; the address follows the step; the night's secrets are headed Night 1, Night 2…",
  ignore,
  async fn() {
    await using test = await startTestServer();
    const { gameId, log } = await endedGame(test);
    const speech = log.findIndex((event, i) =>
      i > 20 && event.type === "agent_message" && event.channel === "public"
    );
    const said = log[speech] as GameEvent & { type: "agent_message" };
    const step = speech + 1;
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${gameId}?step=${step}`,
      SIZE,
    );
    await page.waitForSelector(`#replay-step[data-step='${step}']`);
    assert.equal(await page.locator("[data-board=live]").count(), 0);
    const marked = page.locator("[data-board=replay] .seat[data-current]");
    assert.equal(await marked.count(), 1);
    assert.equal(await marked.getAttribute("data-player"), said.agent_id);
    assert.equal(await marked.getAttribute("data-current"), "speaking");
    assert.match(await marked.textContent() ?? "", /speaking/);
    assert.match(
      await page.textContent("#replay-step") ?? "",
      new RegExp(`Step ${step} of ${log.length}: ${said.agent_name}: `),
    );
    assert.equal(
      await page.getAttribute("#replay-link", "href"),
      `#/games/${gameId}?step=${step}`,
    );
    await page.screenshot({
      path: new URL("replay_step_speaker.png", ARTIFACTS).pathname,
    });
    await page.click("#replay-next");
    await page.waitForFunction(
      (hash) => location.hash === hash,
      `#/games/${gameId}?step=${step + 1}`,
    );

    await page.click("#replay-end");
    const nights = [...new Set(foldGame(log).secrets.map((line) => line.day))];
    assert.ok(nights.length >= 1);
    const titles = await page.$$eval(
      "[data-board=replay] .lines[data-channel=secrets] .night-title",
      (items) => items.map((item) => item.textContent),
    );
    assert.deepEqual(titles, nights.map((night) => `Night ${night}`));
    assert.deepEqual(errors, []);
  },
});

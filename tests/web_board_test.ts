/**
 * The running game's board in headless Chromium: at 1366x900 the table,
 * the phase, the village square and the vote are in the window without
 * scrolling, the god view's panels below; at 1920x1080 those panels are
 * beside the board. Screenshots of the window (what is seen without
 * scrolling) are left in tests/artifacts/.
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { connectClient, startTestServer } from "./_helpers.ts";

const ignore = SKIP_BROWSER;

/** A box as playwright gives it. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bounding box of `selector` on the live board (fails if not drawn). */
async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(`[data-board=live] ${selector}`).first()
    .boundingBox();
  assert.ok(box !== null, `${selector} is not drawn`);
  return box;
}

/** Whether `box` lies inside the window of `size`. */
function inside(box: Box, size: { width: number; height: number }): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 &&
    box.y + box.height <= size.height + 0.5;
}

/** Opens a running demo game of `players` whose vote has ballots. */
async function openVote(
  url: string,
  size: { width: number; height: number },
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  players: number,
) {
  await using ui = connectClient(url.replace("http", "ws") + "/trpc");
  const { gameId } = await ui.trpc.lobby.createDemoGame.mutate({
    players,
    thinkMs: 250, // slow enough to catch the vote open
    actionTimeoutMs: 10_000,
    name: `Layout ${size.width}`,
  });
  const watched = await browser.open(`${url}/#/games/${gameId}`, size);
  await watched.page.waitForSelector("#rights[data-god=true]");
  await watched.page.waitForSelector(
    "[data-board=live] .vote .ballots li",
    { timeout: 60_000 },
  );
  return watched;
}

const STAGE = [".phase", ".table-wrap", ".chat-public", ".vote"];

Deno.test({
  name:
    "at 1366x900 the table, the phase, the village square and the vote of a running game (8 and 18 players) are all in the window without scrolling, and the god view's panels come below them; screenshots tests/artifacts/board_1366x900_{8,18}.png",
  ignore,
  async fn() {
    await using server = await startTestServer();
    await using browser = await launchBrowser();
    const size = { width: 1366, height: 900 };
    for (const players of [8, 18]) {
      const { page, errors } = await openVote(
        server.httpUrl,
        size,
        browser,
        players,
      );
      const scrolled = await page.evaluate(() =>
        (globalThis as unknown as { scrollY: number }).scrollY
      );
      assert.equal(scrolled, 0);
      for (const selector of STAGE) {
        const box = await boxOf(page, selector);
        assert.ok(inside(box, size), `${selector}: ${JSON.stringify(box)}`);
      }
      assert.equal(
        await page.locator("[data-board=live] .seat").count(),
        players,
      );
      const square = await boxOf(page, ".chat-public");
      assert.ok(square.height >= 300, `a square to read: ${square.height}px`);
      const wolves = await boxOf(page, ".chat-werewolves");
      const stage = await boxOf(page, ".stage");
      assert.ok(wolves.y >= stage.y + stage.height, "the secrets come below");
      await Deno.mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({
        path: new URL(`board_1366x900_${players}.png`, ARTIFACTS).pathname,
      });
      assert.deepEqual(errors, []);
      await page.close();
    }
  },
});

Deno.test({
  name:
    "at 1920x1080 the god view's panels are beside the board, and everything is in the window; screenshot tests/artifacts/board_1920x1080.png",
  ignore,
  async fn() {
    await using server = await startTestServer();
    await using browser = await launchBrowser();
    const size = { width: 1920, height: 1080 };
    const { page, errors } = await openVote(server.httpUrl, size, browser, 12);
    for (const selector of [...STAGE, ".chat-werewolves", ".chat-secrets"]) {
      const box = await boxOf(page, selector);
      assert.ok(inside(box, size), `${selector}: ${JSON.stringify(box)}`);
    }
    const square = await boxOf(page, ".chat-public");
    const vote = await boxOf(page, ".vote");
    for (const selector of [".chat-werewolves", ".chat-secrets"]) {
      const box = await boxOf(page, selector);
      assert.ok(box.x >= vote.x + vote.width, `${selector} is beside the vote`);
      assert.ok(box.y < square.y + square.height, `${selector} is not below`);
    }
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: new URL("board_1920x1080.png", ARTIFACTS).pathname,
    });
    assert.deepEqual(errors, []);
  },
});

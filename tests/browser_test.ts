/**
 * The spectator page in headless Chromium, against a real server: a game
 * created from the page and followed to its winner, the god view against
 * the public view, a reload and a dropped socket mid-game, a phone-sized
 * screen. Skipped (with a warning) only where /usr/bin/chromium is missing
 * outside CI.
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { foldGame } from "../web/model.ts";
import type { GameEvent } from "../src/mod.ts";
import { viewerLog } from "../src/engine/mod.ts";
import type { GameRoom } from "../src/game/mod.ts";
import {
  ARTIFACTS,
  chatSeqs,
  launchBrowser,
  SKIP_BROWSER,
} from "./_browser.ts";
import { startTestServer } from "./_helpers.ts";

const ignore = SKIP_BROWSER;

/**
 * What the page's `game.events` delivers, in its own seqs: the god view in
 * development mode (where the page asks for it and gets it).
 */
function pageView(room: GameRoom): GameEvent[] {
  return viewerLog(room.log, room.state, { kind: "god" });
}

/** Creates a bot game from the lobby's form; returns its id once shown. */
async function createFromPage(
  page: Page,
  settings: { players: number; thinkMs: number; timeoutS: number },
): Promise<string> {
  await page.fill("input[name=players]", String(settings.players));
  await page.fill("input[name=think]", String(settings.thinkMs));
  await page.fill("input[name=timeout]", String(settings.timeoutS));
  await page.focus("#create-demo button[type=submit]");
  await page.keyboard.press("Enter"); // the keyboard works the form
  await page.waitForSelector("#game[data-status=running]");
  const gameId = await page.getAttribute("#game", "data-game-id");
  assert.ok(gameId !== null && /^g-[a-z0-9]+$/.test(gameId), `${gameId}`);
  return gameId;
}

/** Waits until a chat on the live board has at least `count` lines. */
async function waitForLines(
  page: Page,
  channel: "public" | "werewolves" | "secrets",
  count: number,
): Promise<void> {
  await page.waitForSelector(
    `[data-board=live] .lines[data-channel=${channel}] > li:nth-child(${count})`,
  );
}

Deno.test({
  name:
    "the page loads with no console error, creates a bot game from the lobby, follows it to its winner and replays it; a screenshot is left in tests/artifacts/",
  ignore,
  async fn() {
    await using server = await startTestServer();
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${server.httpUrl}/`);
    await page.waitForSelector("#connection[data-state=open]");
    await page.waitForSelector("#rights[data-god=true]"); // development mode
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.locator("h1").count(), 1);
    const gameId = await createFromPage(page, {
      players: 8,
      thinkMs: 60,
      timeoutS: 5,
    });
    await waitForLines(page, "public", 8);
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const shot = new URL("spectator_page_running.png", ARTIFACTS);
    await page.screenshot({ path: shot.pathname, fullPage: true });
    assert.ok((await Deno.stat(shot)).size > 10_000);

    await page.waitForSelector("#game[data-status=ended]", { timeout: 90_000 });
    const room = server.server.games.room(gameId);
    const winner = await page.getAttribute(
      "[data-board=live] .winner",
      "data-winner",
    );
    assert.equal(winner, room.state.winner);
    const roles = await page.$$eval(
      "[data-board=live] .seat",
      (seats) => seats.map((seat) => seat.getAttribute("data-role")),
    );
    assert.deepEqual(roles, room.state.players.map((seat) => seat.role));
    const expected = foldGame(pageView(room)).chat.map((line) => line.seq);
    assert.deepEqual(await chatSeqs(page, "live", "public"), expected);
    assert.equal(
      await page.getAttribute("#download", "href"),
      `/games/${gameId}/transcript.jsonl`,
    );

    await page.click("#replay-open");
    await page.waitForSelector("#replay-step[data-step='1']");
    await page.click("#replay-next");
    await page.waitForSelector("#replay-step[data-step='2']");
    await page.click("#replay-end");
    const last = String(room.log.length);
    await page.waitForSelector(`#replay-step[data-step='${last}']`);
    assert.equal(
      await page.getAttribute("[data-board=replay] .winner", "data-winner"),
      room.state.winner,
    );
    assert.ok((await chatSeqs(page, "replay", "werewolves")).length > 0);

    await page.click("a[href='#/']");
    await page.waitForSelector(`tr[data-game=${gameId}][data-status=ended]`);
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "the lobby lists a new game by itself; the god view (a token typed into the page) shows every role, the werewolves' channel and the night's secrets; the public view shows none of them while the game runs",
  ignore,
  async fn() {
    await using server = await startTestServer({
      adminToken: "page-admin",
      spectatorToken: "page-spectator",
    });
    await using browser = await launchBrowser();
    const god = await browser.open(`${server.httpUrl}/`);
    await god.page.waitForSelector("#rights[data-god=false]");
    assert.equal(await god.page.locator("#create-demo").count(), 0);
    await god.page.click(".access summary");
    await god.page.fill("#token", "page-admin");
    await god.page.click(".access button[type=submit]");
    await god.page.waitForSelector("#rights[data-god=true]");
    const pub = await browser.open(`${server.httpUrl}/`); // the lobby, first
    await pub.page.waitForSelector("#rights[data-god=false]");
    await pub.page.waitForSelector("#no-games");
    const gameId = await createFromPage(god.page, {
      players: 8,
      thinkMs: 500, // slow enough to still be running when the views are compared
      timeoutS: 10,
    });

    const spectator = await browser.open(`${server.httpUrl}/#/games/${gameId}`);
    await spectator.page.click(".access summary");
    await spectator.page.fill("#token", "page-spectator");
    await spectator.page.click(".access button[type=submit]");
    await spectator.page.waitForSelector("#rights[data-god=true]");
    const row = `tr[data-game=${gameId}][data-status=running]`;
    await pub.page.waitForSelector(row); // the lobby updates itself
    await pub.page.focus(`${row} a`);
    await pub.page.keyboard.press("Enter");
    await pub.page.waitForSelector(`#game[data-game-id=${gameId}]`);

    await waitForLines(god.page, "werewolves", 1);
    await waitForLines(god.page, "secrets", 1);
    await waitForLines(spectator.page, "werewolves", 1);
    await waitForLines(pub.page, "public", 3);
    const snapshot = (page: Page) =>
      page.$eval("#game", (game) => ({
        status: game.getAttribute("data-status"),
        seats: [...game.querySelectorAll("[data-board=live] .seat")].map(
          (seat) => ({
            alive: seat.getAttribute("data-alive") === "true",
            role: seat.getAttribute("data-role"),
          }),
        ),
        secretPanels: game.querySelectorAll(
          "[data-board=live] .lines[data-channel=werewolves], [data-board=live] .lines[data-channel=secrets], [data-board=live] .chat-werewolves, [data-board=live] .chat-secrets",
        ).length,
      }));
    const seen = await snapshot(pub.page); // one consistent moment of the DOM
    assert.equal(seen.status, "running", "the game ended too soon to check");
    assert.equal(seen.seats.length, 8);
    for (const seat of seen.seats) {
      assert.equal(seat.role !== null, !seat.alive, JSON.stringify(seat));
    }
    assert.equal(seen.secretPanels, 0);
    const all = await snapshot(god.page);
    assert.ok(all.seats.every((seat) => seat.role !== null));
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const shot = new URL("spectator_page_god_view.png", ARTIFACTS);
    await god.page.screenshot({ path: shot.pathname, fullPage: true });

    const wolfTalk = await god.page.$$eval(
      "[data-board=live] .lines[data-channel=werewolves] .text",
      (texts) => texts.map((text) => text.textContent ?? ""),
    );
    const publicText = await pub.page.textContent("#game") ?? "";
    for (const said of wolfTalk) assert.ok(!publicText.includes(said), said);

    const intruder = await browser.open(`${server.httpUrl}/`);
    await intruder.page.click(".access summary");
    await intruder.page.fill("#token", "not-the-token");
    await intruder.page.click(".access button[type=submit]");
    await intruder.page.waitForSelector("[role=alert]:has-text('refused')");
    await intruder.page.waitForSelector("#rights[data-god=false]");
    for (const { errors } of [god, spectator, pub]) {
      assert.deepEqual(errors, []);
    }
  },
});

Deno.test({
  name:
    "a reload and a dropped socket mid-game resume the page with no gap and no duplicate line, and it says so while it reconnects",
  ignore,
  async fn() {
    await using server = await startTestServer();
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${server.httpUrl}/`);
    await page.waitForSelector("#connection[data-state=open]");
    const gameId = await createFromPage(page, {
      players: 8,
      thinkMs: 300, // slow enough to still be running when the socket drops
      timeoutS: 5,
    });
    await waitForLines(page, "public", 4);
    const before = await chatSeqs(page, "live", "public");
    await page.reload();
    await page.waitForSelector(`#game[data-game-id=${gameId}]`);
    await waitForLines(page, "public", before.length + 1);
    const reloaded = await chatSeqs(page, "live", "public");
    assert.deepEqual(reloaded.slice(0, before.length), before);
    assert.equal(new Set(reloaded).size, reloaded.length);

    await page.$eval("#connection", (status) => {
      type Observer = new (changed: () => void) => {
        observe(target: unknown, options: { attributes: boolean }): void;
      };
      const scope = globalThis as unknown as {
        MutationObserver: Observer;
        linkStates: string[];
      };
      const states: string[] = [];
      scope.linkStates = states;
      new scope.MutationObserver(() =>
        states.push(status.getAttribute("data-state") ?? "")
      ).observe(status, { attributes: true });
    });
    assert.equal(await page.getAttribute("#game", "data-status"), "running");
    await server.server.sockets.closeAll(4003, "test: socket dropped");
    await page.waitForFunction(() => {
      const states = (globalThis as { linkStates?: string[] }).linkStates;
      return states?.at(-1) === "open";
    });
    const states = await page.evaluate(() =>
      (globalThis as { linkStates?: string[] }).linkStates
    );
    assert.ok(states?.includes("reconnecting"), JSON.stringify(states));

    await page.waitForSelector("#game[data-status=ended]", { timeout: 90_000 });
    const room = server.server.games.room(gameId);
    const expected = foldGame(pageView(room)).chat.map((line) => line.seq);
    assert.deepEqual(await chatSeqs(page, "live", "public"), expected);
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "the page fits a phone-sized screen: nothing wider than the viewport, and a screenshot is left in tests/artifacts/",
  ignore,
  async fn() {
    await using server = await startTestServer();
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${server.httpUrl}/`, {
      width: 390,
      height: 844,
    });
    await page.waitForSelector("#connection[data-state=open]");
    await createFromPage(page, { players: 12, thinkMs: 200, timeoutS: 10 });
    await waitForLines(page, "public", 6);
    const widths = await page.$eval("html", (html) => ({
      page: html.scrollWidth,
      viewport: html.clientWidth,
    }));
    assert.ok(widths.page <= widths.viewport, JSON.stringify(widths));
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const shot = new URL("spectator_page_phone.png", ARTIFACTS);
    await page.screenshot({ path: shot.pathname, fullPage: true });
    assert.deepEqual(errors, []);
  },
});

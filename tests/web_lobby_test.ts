/**
 * The lobby in headless Chromium: a game named in the create form, the id,
 * creation and duration columns, the status filter, paging through more
 * games than a page holds, and deleting an ended game (only for a viewer
 * who may). Screenshots in tests/artifacts/.
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { LOBBY_PAGE_SIZE as PAGE_SIZE } from "../web/model.ts";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { runBot } from "../agents/bot_agent.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";

const ignore = SKIP_BROWSER;
const SIZE = { width: 1366, height: 900 };

/** The game ids of the lobby's rows, in the page's order. */
function rowIds(page: Page): Promise<string[]> {
  return page.$$eval(
    "#games tbody tr",
    (rows) => rows.map((row) => row.getAttribute("data-game") ?? ""),
  );
}

/** Waits until the lobby shows exactly `ids`, in that order. */
async function untilRows(page: Page, ids: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await rowIds(page)).join() === ids.join()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(await rowIds(page), ids);
}

Deno.test({
  name:
    "the lobby names a game from its form, shows id, creation and duration, filters by status, pages through more games than a page holds, and deletes an ended game after a confirming click",
  ignore,
  async fn() {
    await using test = await startTestServer();
    const games = test.server.games;
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${test.httpUrl}/`, SIZE);
    await page.waitForSelector("#create-demo");
    await page.fill("input[name=name]", "Sunday night game");
    await page.fill("input[name=players]", "5");
    await page.fill("input[name=think]", "0");
    await page.fill("input[name=timeout]", "5");
    await page.click("#create-demo button[type=submit]");
    await page.waitForSelector("#game[data-status=ended]", { timeout: 30_000 });
    assert.equal(await page.textContent("#game-title"), "Sunday night game");
    const named = await page.getAttribute("#game", "data-game-id") as string;
    await page.click("a[href='#/']");

    const row = page.locator(`tr[data-game=${named}]`);
    await row.waitFor();
    assert.equal(await row.locator("th a").textContent(), "Sunday night game");
    assert.equal(await row.locator("code").textContent(), named);
    // the form's numbers were kept while the lobby ticked (5 players, not 8)
    assert.equal(await row.locator("td").nth(2).textContent(), "5 / 5");
    const [listed] = await games.list({ status: "ended" });
    assert.equal(
      await row.locator("time").getAttribute("datetime"),
      new Date(listed!.createdAt).toISOString(),
    );
    assert.match(await row.locator(".duration").textContent() ?? "", /^\d+ s$/);

    const waiting: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      const { gameId } = await games.create({ players: 5, name: `Wait ${i}` });
      waiting.push(gameId);
    }
    const newestFirst = [...waiting].reverse();
    await untilRows(page, newestFirst.slice(0, PAGE_SIZE));
    assert.match(
      await page.textContent(`tr[data-game=${waiting.at(-1)}] .duration`) ?? "",
      /so far$/,
    );
    await page.click("#page-older");
    await untilRows(page, [...newestFirst.slice(PAGE_SIZE), named]);
    assert.equal(await page.isDisabled("#page-older"), true);
    await page.click("#page-newer");
    await untilRows(page, newestFirst.slice(0, PAGE_SIZE));
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: new URL("lobby_1366x900.png", ARTIFACTS).pathname,
      fullPage: true,
    });

    await page.selectOption("#status-filter", "ended");
    await untilRows(page, [named]);
    assert.equal(await page.locator("#games button.delete").count(), 1);
    await page.click(`tr[data-game=${named}] button.delete`);
    assert.equal(
      await page.textContent(`tr[data-game=${named}] button.delete`),
      "Delete for good?",
    );
    assert.equal((await games.list({ status: "ended" })).length, 1, "not yet");
    await page.screenshot({
      path: new URL("lobby_delete_confirm.png", ARTIFACTS).pathname,
    });
    await page.click(`tr[data-game=${named}] button.delete`);
    await page.waitForSelector("#no-games");
    assert.deepEqual(await games.list({ status: "ended" }), []);
    await page.selectOption("#status-filter", "waiting");
    await untilRows(page, newestFirst.slice(0, PAGE_SIZE));
    assert.equal(await page.locator("#games button.delete").count(), 0);
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "with ADMIN_TOKEN set the public lobby has no delete button and no create form; the admin token typed into the page brings both",
  ignore,
  async fn() {
    await using test = await startTestServer({
      adminToken: "lobby-page-admin",
    });
    await using admin = connectClient(test.wsUrl, {
      token: "lobby-page-admin",
    });
    const { gameId } = await admin.trpc.lobby.createDemoGame.mutate({
      players: 5,
      thinkMs: 0,
    });
    const room = test.server.games.room(gameId);
    await waitFor(() => room.state.phase === "ended", "the game's end", 30_000);
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${test.httpUrl}/`, SIZE);
    await page.waitForSelector(`tr[data-game=${gameId}][data-status=ended]`);
    await page.waitForSelector("#rights[data-god=false]");
    assert.equal(await page.locator("#games button.delete").count(), 0);
    assert.equal(await page.locator("#games th:has-text('Remove')").count(), 0);
    assert.equal(await page.locator("#create-demo").count(), 0);
    await page.click(".access summary");
    await page.fill("#token", "lobby-page-admin");
    await page.click(".access button[type=submit]");
    await page.waitForSelector("#rights[data-god=true]");
    await page.waitForSelector(`tr[data-game=${gameId}] button.delete`);
    assert.equal(await page.locator("#create-demo").count(), 1);
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "the create form's house bots field: 4 house bots of 5 players make a waiting game whose last seat an agent takes, and the page follows it to its end",
  ignore,
  async fn() {
    await using test = await startTestServer();
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${test.httpUrl}/`, SIZE);
    await page.waitForSelector("#create-demo");
    await page.fill("input[name=name]", "Me against the bots");
    await page.fill("input[name=players]", "5");
    await page.fill("input[name=bots]", "4");
    await page.fill("input[name=think]", "0");
    await page.fill("input[name=timeout]", "10");
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    await page.locator("#create-demo").screenshot({
      path: new URL("lobby_create_house_bots.png", ARTIFACTS).pathname,
    });
    await page.click("#create-demo button[type=submit]");
    await page.waitForSelector("#game[data-status=waiting]");
    const gameId = await page.getAttribute("#game", "data-game-id") as string;
    const room = test.server.games.room(gameId);
    await waitFor(() => room.state.players.length === 4, "the house bots");
    assert.equal(room.state.settings.players, 5);
    await page.waitForSelector("[data-player=p4]");
    assert.equal(await page.locator("[data-player=p5]").count(), 0);
    const mine = await within(
      runBot({ url: test.wsUrl, gameId, name: "Mine" }),
      30_000,
      "the agent's game",
    );
    assert.equal(mine.playerId, "p5");
    await page.waitForSelector("#game[data-status=ended]", { timeout: 10_000 });
    await page.waitForSelector("[data-player=p5]");
    await page.click("a[href='#/']");
    await page.waitForSelector("#create-demo");
    await page.fill("input[name=players]", "5");
    await page.fill("input[name=bots]", "6");
    await page.click("#create-demo button[type=submit]");
    const alert = await page.waitForSelector("#create-demo [role=alert]");
    assert.match(
      await alert.textContent() ?? "",
      /houseBots is 6 but the game has 5 seats: give at most 5/,
    );
    assert.deepEqual(errors, []);
  },
});

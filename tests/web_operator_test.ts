/**
 * The operator's view in headless Chromium: on a server with
 * `ADMIN_TOKEN`, the page without the token says what the view needs and
 * shows no link; with it, the header links to `#/operator`, whose numbers
 * are those of what the test did (bots connected, calls, an error), whose
 * chart is drawn, and from whose clients table the admin closes a bot's
 * connection with a reason (the bot's socket closes with 4006 and that
 * reason). The view reads in French too. Screenshots in tests/artifacts/
 * (operator.png, operator_fr.png).
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { CLOSE_OPERATOR } from "../src/hub/mod.ts";
import { ARTIFACTS, launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import {
  connectClient,
  opened,
  startTestServer,
  type TestClient,
  within,
} from "./_helpers.ts";

const ignore = SKIP_BROWSER;
const ADMIN = "operator-page-admin";
const BOTS = 3;

/** Waits until `selector`'s attribute `name` reads `want`. */
async function attributeIs(
  page: Page,
  selector: string,
  name: string,
  want: string,
): Promise<void> {
  await page.waitForSelector(`${selector}[${name}='${want}']`);
}

Deno.test({
  name:
    "the operator's view: refused without the admin token; with it, live connections, calls and errors and their chart, the clients table, and closing a bot's connection with a reason from the page, in English and French",
  ignore,
  async fn() {
    await using test = await startTestServer({
      adminToken: ADMIN,
      wsMaxConnectionsPerIp: 0,
      maxConnectionsPerIp: 0,
      rateLimitPerSecond: 0,
    });
    const bots: TestClient[] = [];
    try {
      for (let i = 1; i <= BOTS; i++) {
        const bot = connectClient(test.wsUrl, {
          clientId: `bot-${i}`,
          clientType: "agent",
        });
        bots.push(bot);
        await bot.trpc.system.ping.query();
      }
      const missing = await bots[0]?.trpc.game.state.query({ gameId: "g-none" })
        .then(() => null, (error: unknown) => error);
      assert.ok(missing instanceof Error);
      const victimUrl = `${test.wsUrl}?client_id=bot-x&client_type=agent`;
      const victim = new WebSocket(victimUrl);
      const victimClosed = new Promise<CloseEvent>((resolve) =>
        victim.onclose = resolve
      );
      await opened(victim, victimUrl);

      await using browser = await launchBrowser();
      const { page, errors } = await browser.open(
        `${test.httpUrl}/#/operator`,
        {
          width: 1366,
          height: 1000,
        },
      );
      await page.waitForSelector("#operator-denied");
      assert.equal(await page.locator("#operator-link").count(), 0);

      await page.click(".access summary");
      await page.fill("#token", ADMIN);
      await page.click(".access button[type=submit]");
      await page.waitForSelector("#rights[data-god=true]");
      await page.click("#operator-link");
      const agents =
        "#op-connections tr[data-protocol=trpc_ws][data-type=agent]";
      await page.waitForSelector(`${agents} .count:text-is("${BOTS + 1}")`);
      await attributeIs(page, "#op-calls", "data-errors", "1");
      assert.ok(
        Number(await page.getAttribute("#op-calls", "data-total")) >= BOTS + 1,
      );
      await page.waitForSelector("#op-slow[data-count='0']");
      await attributeIs(page, "canvas[data-chart=calls]", "data-series", "2");
      for (let i = 1; i <= BOTS; i++) {
        await page.waitForSelector(`#op-clients tr[data-client=bot-${i}]`);
      }
      assert.equal(
        await page.textContent("#op-clients tr[data-client=bot-1] .last")
          .then((text) => text?.split(" ")[0]),
        "game.state",
      );
      await page.screenshot({
        path: new URL("operator.png", ARTIFACTS).pathname,
        fullPage: true,
      });

      // close bot-x from the page, with a reason
      const row = "#op-clients tr[data-client=bot-x]";
      await page.click(`${row} button.close`);
      await page.fill(`${row} input[name=reason]`, "too chatty");
      await page.click(`${row} button.confirm-close`);
      const closed = await within(victimClosed, 5000, "the bot's close");
      assert.equal(closed.code, CLOSE_OPERATOR);
      assert.equal(closed.reason, "too chatty");
      await page.waitForSelector("#op-closed[data-ok=true]");
      assert.match(
        await page.textContent("#op-closed") ?? "",
        /bot-x.*too chatty/,
      );
      await page.waitForSelector(row, { state: "detached" });
      await page.waitForSelector(`${agents} .count:text-is("${BOTS}")`);

      // French
      await page.click("a[href='#/operator?lang=fr']");
      await page.waitForSelector("#operator[lang=fr]");
      assert.equal(
        await page.textContent("#operator-title"),
        "La vue de l'exploitant",
      );
      await page.waitForSelector("canvas[data-chart=calls][data-series]");
      await page.screenshot({
        path: new URL("operator_fr.png", ARTIFACTS).pathname,
        fullPage: true,
      });
      assert.deepEqual(errors, []);
    } finally {
      for (const bot of bots) await bot[Symbol.asyncDispose]();
    }
  },
});

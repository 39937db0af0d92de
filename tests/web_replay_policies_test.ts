/**
 * The replay under the turn policies, in headless Chromium: a parallel
 * round's reveal is one step, a bidding turn's reveal says its bids and
 * marks who speaks next. Screenshots in tests/artifacts/.
 * @module
 */
import assert from "node:assert/strict";
import { launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { startTestServer } from "./_helpers.ts";
import { ADMIN, demo, shoot, SIZE } from "./_policy_page.ts";

const ignore = SKIP_BROWSER;

Deno.test({
  name:
    "the replay of a parallel game takes a round's reveal in one step (the block whole, nobody marked), and of a bidding game says each bids_revealed step in words; screenshots policy_replay_reveal.png, policy_replay_bids.png",
  ignore,
  async fn() {
    await using test = await startTestServer({ adminToken: ADMIN });
    const parallel = await demo(test, {
      turnPolicy: "parallel",
      thinkMs: 0,
      seed: 13,
    });
    const bidding = await demo(test, {
      turnPolicy: "bidding",
      thinkMs: 0,
      seed: 14,
    });
    for (const { room } of [parallel, bidding]) {
      for (let i = 0; i < 600 && room.state.phase !== "ended"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(room.state.phase, "ended");
    }
    await using browser = await launchBrowser();
    const log = parallel.room.log;
    const held = log.findLastIndex((e, i) =>
      e.type === "speech_held" && log[i + 1]?.type !== "speech_held"
    );
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${parallel.gameId}?step=${held + 1}`,
      SIZE,
    );
    await page.waitForSelector(`#replay-step[data-step='${held + 1}']`);
    await page.click("#replay-next");
    const end = log.findIndex((e, i) =>
      i > held + 1 && e.type !== "agent_message" && e.type !== "player_action"
    );
    await page.waitForSelector(`#replay-step[data-step='${end}']`);
    assert.match(
      await page.textContent("#replay-step") ?? "",
      /round \d+ is revealed: \d+ speeches and passes at once/,
    );
    assert.equal(
      await page.locator("[data-board=replay] [data-current]").count(),
      0,
    );
    const lines = await page.locator(
      `[data-board=replay] .round-lines:has(> li[data-seq='${
        log[end - 1]!.seq
      }']) > li`,
    ).count();
    assert.equal(lines, end - held - 1);
    await shoot(page, "policy_replay_reveal.png");
    await page.click("#replay-back");
    await page.waitForSelector(`#replay-step[data-step='${held + 1}']`);

    const bids = bidding.room.log.findIndex((e) =>
      e.type === "bids_revealed" && e.speaker !== null
    );
    await page.goto(
      `${test.httpUrl}/#/games/${bidding.gameId}?step=${bids + 1}`,
    );
    await page.waitForSelector(`#replay-step[data-step='${bids + 1}']`);
    assert.match(
      await page.textContent("#replay-step") ?? "",
      /Bids for turn \d+: .* → .* speaks \(/,
    );
    assert.equal(
      await page.getAttribute(
        "[data-board=replay] .seat[data-current]",
        "data-current",
      ),
      "next to speak",
    );
    await shoot(page, "policy_replay_bids.png");
    assert.deepEqual(errors, []);
  },
});

/**
 * What the god view sees before everyone, in headless Chromium: a game
 * with one seat that holds back its speech, vote and bid (tests/_held_seat.ts)
 * keeps the others' held speeches, ballots and bids on the page while the
 * test looks. Screenshots in tests/artifacts/.
 * @module
 */
import assert from "node:assert/strict";
import { launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { heldSeatGame } from "./_held_seat.ts";
import { startTestServer } from "./_helpers.ts";
import { live, shoot, SIZE } from "./_policy_page.ts";

const ignore = SKIP_BROWSER;

Deno.test({
  name:
    "the god view marks what is held: a parallel round's speeches in its block until the last one comes, the simultaneous vote's ballots until it closes, a bidding turn's bids until they are revealed; screenshots policy_parallel_held.png, policy_votes_held.png, policy_bids_held.png",
  ignore,
  async fn() {
    await using test = await startTestServer(); // development mode: the god view
    await using browser = await launchBrowser();
    await using parallel = await heldSeatGame(test, {
      turnPolicy: "parallel",
      votePolicy: "simultaneous",
      discussionRounds: 1,
      seed: 4,
    });
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${parallel.gameId}`,
      SIZE,
    );
    const heldLines = `${live} .round-lines > li[data-held=true]`;
    await page.waitForSelector(`${heldLines}:nth-child(7)`, {
      timeout: 30_000,
    });
    assert.ok(
      parallel.room.state.players.find((p) => p.id === "p1")?.alive,
      "the held seat lives to speak",
    );
    assert.match(await page.textContent(heldLines) ?? "", /held/i);
    await shoot(page, "policy_parallel_held.png");
    parallel.release("speak");
    await page.waitForSelector(`${heldLines}`, { state: "detached" });
    const ballots = `${live} .vote .ballots li[data-held=true]`;
    await page.waitForSelector(`${ballots}:nth-child(7)`, { timeout: 30_000 });
    assert.match(
      await page.textContent(`${live} .vote`) ?? "",
      /Votes are hidden until the vote closes/,
    );
    await shoot(page, "policy_votes_held.png");
    parallel.release("vote");
    await page.waitForSelector(`${live} .vote .outcome`);
    assert.equal(await page.locator(ballots).count(), 0);

    await using bidding = await heldSeatGame(test, {
      turnPolicy: "bidding",
      seed: 4,
    });
    await page.goto(`${test.httpUrl}/#/games/${bidding.gameId}`);
    const held = `${live} .bids-turn[data-revealed=false]`;
    await page.waitForSelector(`${held} li[data-player]:nth-child(7)`, {
      timeout: 30_000,
    });
    assert.match(
      await page.textContent(`${live} .line.bids[data-held=true]`) ?? "",
      /held.*Turn 1 bids/i,
    );
    await shoot(page, "policy_bids_held.png");
    bidding.release("bid");
    await page.waitForSelector(`${live} .bids-turn[data-revealed=true]`);
    assert.deepEqual(errors, []);
  },
});

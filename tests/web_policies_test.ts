/**
 * The page under each turn and vote policy, in headless Chromium, against
 * house-bot games: the rules panel, a bidding turn's bids, a round's order,
 * a parallel round as one block, simultaneous votes hidden then revealed.
 * Each is checked against the server's log; screenshots
 * (tests/artifacts/policy_*.png) are left for a person to look at.
 * @module
 */
import assert from "node:assert/strict";
import { viewerLog } from "../src/engine/mod.ts";
import type { GameEventOf } from "../src/mod.ts";
import { launchBrowser, SKIP_BROWSER } from "./_browser.ts";
import { heldSeatGame } from "./_held_seat.ts";
import { startTestServer, waitFor } from "./_helpers.ts";
import { ADMIN, demo, live, publicLog, shoot, SIZE } from "./_policy_page.ts";

const ignore = SKIP_BROWSER;

Deno.test({
  name:
    "bidding, seen by the public: each turn's bids in the village square (who bid what, who speaks, the tie-break) as bids_revealed says, never a held bid; the rules panel opens over the board and says the announced rules; screenshots policy_bidding_public.png, policy_rules_open.png",
  ignore,
  async fn() {
    await using test = await startTestServer({ adminToken: ADMIN });
    const { gameId, room } = await demo(test, {
      turnPolicy: "bidding",
      thinkMs: 150,
      seed: 12,
    });
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${gameId}`,
      SIZE,
    );
    await page.waitForSelector("#rights[data-god=false]");
    await page.waitForSelector(
      `${live} .bids-turn[data-revealed=true][data-turn='1']`,
      { timeout: 60_000 },
    );
    const first = publicLog(room).find((e) =>
      e.type === "bids_revealed"
    ) as GameEventOf<"bids_revealed">;
    const shown = await page.$eval(
      `${live} .line.bids[data-seq='${first.seq}'] .bids-turn`,
      (turn) => ({
        turn: turn.getAttribute("data-turn"),
        speaker: turn.getAttribute("data-speaker"),
        tieBreak: turn.getAttribute("data-tie-break"),
        bids: [...turn.querySelectorAll("li[data-player]")].map((li) => [
          li.getAttribute("data-player"),
          Number(li.getAttribute("data-amount")),
        ]),
        won: turn.querySelector("li.won")?.getAttribute("data-player") ?? null,
        text: turn.textContent ?? "",
      }),
    );
    assert.deepEqual(shown.bids, Object.entries(first.bids));
    assert.equal(shown.turn, String(first.turn));
    assert.equal(shown.speaker, first.speaker);
    assert.equal(shown.won, first.speaker);
    assert.equal(shown.tieBreak, first.tie_break);
    assert.match(shown.text, /Turn 1 bids.*speaks \((highest bid|tie: .*)\)/);
    assert.equal(await page.locator("[data-held]").count(), 0);
    await shoot(page, "policy_bidding_public.png");

    // the board still fits the window, bids lines and rules summary included
    for (const part of [".phase", ".table-wrap", ".chat-public", ".vote"]) {
      const box = await page.locator(`${live} ${part}`).boundingBox();
      assert.ok(
        box !== null && box.y >= 0 && box.y + box.height <= SIZE.height + 0.5,
        `${part}: ${JSON.stringify(box)}`,
      );
    }
    const stage = await page.locator(`${live} .stage`).boundingBox();
    await page.click(`${live} .rules summary`);
    const created = room.log[0] as GameEventOf<"game_created">;
    const sentences = await page.$$eval(
      `${live} .rules-text li`,
      (items) => items.map((item) => item.textContent),
    );
    assert.deepEqual(sentences, created.rulesText?.split("\n"));
    assert.ok(sentences.some((s) => /bids/.test(s ?? "")));
    const body = await page.locator(`${live} .rules-body`).boundingBox();
    assert.ok(body !== null && body.y + body.height <= SIZE.height, "in view");
    assert.deepEqual(
      await page.locator(`${live} .stage`).boundingBox(),
      stage,
      "the open rules lie over the board; it keeps its size",
    );
    await shoot(page, "policy_rules_open.png");
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "random_order and simultaneous votes, seen by the public: each round's order in the square; the vote says votes are hidden until it closes, then shows every vote of vote_result; screenshots policy_simultaneous_hidden.png, policy_simultaneous_revealed.png",
  ignore,
  async fn() {
    await using test = await startTestServer({ adminToken: ADMIN });
    // one seat holds its vote back: the vote stays open while the page is read
    await using game = await heldSeatGame(test, {
      turnPolicy: "random_order",
      votePolicy: "simultaneous",
      discussionRounds: 1,
      seed: 4,
    });
    game.release("speak");
    const { gameId, room } = game;
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(
      `${test.httpUrl}/#/games/${gameId}`,
      SIZE,
    );
    await page.waitForSelector(`${live} .line.order`, { timeout: 30_000 });
    const order = publicLog(room).find((e) =>
      e.type === "speaking_order"
    ) as GameEventOf<"speaking_order">;
    const names = order.order.map((id) =>
      room.state.players.find((p) => p.id === id)!.name
    );
    assert.equal(
      await page.textContent(`${live} .line.order[data-seq='${order.seq}']`),
      `Round 1's order: ${names.join(" → ")}.`,
    );
    await page.waitForSelector(`${live} .vote .hidden-votes`, {
      timeout: 30_000,
    });
    await waitFor(
      () =>
        room.log.filter((e) =>
          e.type === "player_action" && e.action === "vote"
        ).length === 7,
      "the others' votes (cast, not shown)",
      10_000,
    );
    assert.match(
      await page.textContent(`${live} .vote`) ?? "",
      /Votes are hidden until the vote closes/,
    );
    assert.equal(await page.locator(`${live} .vote .ballots li`).count(), 0);
    await shoot(page, "policy_simultaneous_hidden.png");
    game.release("vote");
    await page.waitForSelector(`${live} .vote .outcome`, { timeout: 30_000 });
    const result = publicLog(room).find((e) =>
      e.type === "vote_result"
    ) as GameEventOf<"vote_result">;
    const ballots = await page.$$eval(
      `${live} .vote[data-day='1'] .ballots li`,
      (items) => items.map((item) => item.getAttribute("data-voter")),
    );
    assert.deepEqual(ballots, Object.keys(result.votes ?? {}));
    assert.match(
      await page.textContent(`${live} .vote`) ?? "",
      /Revealed together when the vote closed/,
    );
    await shoot(page, "policy_simultaneous_revealed.png");
    assert.equal(await page.locator("[data-held]").count(), 0);
    assert.deepEqual(errors, []);
  },
});

Deno.test({
  name:
    "parallel and simultaneous from the lobby's form: the rules name both policies, and the first round is revealed as one block in seat order under 'Round 1 (spoken at once)'; screenshot policy_parallel_revealed.png",
  ignore,
  async fn() {
    await using test = await startTestServer(); // development mode: the god view
    await using browser = await launchBrowser();
    const { page, errors } = await browser.open(`${test.httpUrl}/`, SIZE);
    await page.waitForSelector("#rights[data-god=true]");
    await page.fill("input[name=think]", "100");
    await page.fill("input[name=timeout]", "10");
    await page.selectOption("select[name=turnPolicy]", "parallel");
    await page.selectOption("select[name=votePolicy]", "simultaneous");
    await page.click("#create-demo button[type=submit]");
    await page.waitForSelector(
      `${live} .rules[data-turn-policy=parallel][data-vote-policy=simultaneous]`,
    );
    assert.match(
      await page.textContent(`${live} .rules summary`) ?? "",
      /Rules of this game.*parallel.*votes hidden until the vote closes/,
    );
    const gameId = await page.getAttribute("#game", "data-game-id");
    const room = test.server.games.room(gameId!);
    await page.waitForSelector(`${live} .vote`, { timeout: 30_000 });
    const god = () => viewerLog(room.log, room.state, { kind: "god" });
    await page.waitForSelector(`${live} .line.round`, { timeout: 30_000 });
    const order = god().find((e) => e.type === "speaking_order") as GameEventOf<
      "speaking_order"
    >;
    const round = `${live} .line.round[data-seq='${order.seq}']`;
    const block = `${round} .round-lines > li`;
    await page.waitForSelector(`${block}:nth-child(${order.order.length})`, {
      timeout: 30_000,
    });
    await page.waitForSelector(`${block}[data-held]`, {
      state: "detached",
      timeout: 30_000,
    });
    const seen = god();
    const at = seen.findIndex((e) => e.seq === order.seq);
    const revealed = seen.slice(at).filter((e) =>
      (e.type === "agent_message" && e.channel === "public") ||
      (e.type === "player_action" && e.action === "pass")
    ).slice(0, order.order.length);
    assert.deepEqual(
      await page.$$eval(
        block,
        (items) => items.map((li) => Number(li.getAttribute("data-seq"))),
      ),
      revealed.map((e) => e.seq),
    );
    assert.equal(
      await page.textContent(`${round} .round-title`),
      "Round 1 (spoken at once)",
    );
    await shoot(page, "policy_parallel_revealed.png");
    assert.deepEqual(errors, []);
  },
});

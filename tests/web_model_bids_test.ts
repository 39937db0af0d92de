/**
 * The web model's policies and bids: `foldGame()` keeping the announced rules
 * (older logs read as round_robin and sequential), and `applyEvent()` on bids
 * and bids_revealed for the public and the god view.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent, GameEventOf } from "../src/mod.ts";
import { foldGame } from "../web/model.ts";
import { bidding, of, parallel, stepThrough } from "./_web_model_policies.ts";

Deno.test("foldGame() keeps the game's announced rules and policies, and an older log without them reads as round_robin and sequential", () => {
  const created = bidding.public[0] as GameEventOf<"game_created">;
  const model = foldGame(bidding.public);
  assert.equal(model.turnPolicy, "bidding");
  assert.equal(model.votePolicy, "sequential");
  assert.ok(created.rulesText !== undefined && created.rulesText.length > 0);
  assert.equal(model.rulesText, created.rulesText);
  assert.equal(foldGame(parallel.god).votePolicy, "simultaneous");
  const {
    turnPolicy: _t,
    votePolicy: _v,
    rules: _r,
    rulesText: _x,
    ...older
  } = created;
  const old = foldGame([older as GameEvent]);
  assert.equal(old.turnPolicy, "round_robin");
  assert.equal(old.votePolicy, "sequential");
  assert.equal(old.rulesText, null);
});

Deno.test("applyEvent(bids_revealed) puts one line in the square per bidding turn: every bid in seat order, who speaks and how the tie was broken; the public sees no bid before it", () => {
  const reveals = of(bidding.public, "bids_revealed");
  assert.ok(reveals.length >= 3, `${reveals.length} turns`);
  const model = stepThrough(bidding.public, (event, before, after) => {
    if (event.type === "player_action") assert.notEqual(event.action, "bid");
    if (event.type !== "bids_revealed") return;
    assert.equal(after.chat.length, before.chat.length + 1);
    const line = after.chat.at(-1)!;
    assert.equal(line.kind, "bids");
    assert.equal(line.seq, event.seq);
    assert.deepEqual(line.bids, {
      turn: event.turn,
      bids: Object.entries(event.bids).map(([player, amount]) => ({
        player,
        amount,
        cause: null,
        reasoning: null,
      })),
      revealed: true,
      speaker: event.speaker,
      tieBreak: event.tie_break,
    });
    assert.match(line.text, new RegExp(`^Bids for turn ${event.turn}: `));
    if (event.speaker === null) assert.match(line.text, /the talk ends$/);
  });
  assert.equal(
    model.chat.filter((line) => line.kind === "bids").length,
    reveals.length,
  );
  assert.ok(model.chat.every((line) => line.held !== true));
  assert.deepEqual(model.secrets, []);
});

Deno.test("applyEvent(bid) shows the god view each bid as it comes, held, on the turn's line; bids_revealed replaces that line with the revealed one", () => {
  let held: string[] = [];
  let reveals = 0;
  const model = stepThrough(bidding.god, (event, before, after) => {
    if (event.type === "player_action" && event.action === "bid") {
      held.push(`${event.player_id}:${event.amount}`);
      const line = after.chat.at(-1)!;
      assert.equal(line.bids?.revealed, false);
      assert.deepEqual(
        line.bids?.bids.map((bid) => `${bid.player}:${bid.amount}`),
        held,
      );
      assert.match(line.text, /held until the turn is decided/);
      return;
    }
    if (event.type !== "bids_revealed") return;
    reveals++;
    assert.equal(after.chat.length, before.chat.length, "replaced, not added");
    assert.equal(after.chat.at(-1)?.bids?.revealed, true);
    assert.equal(after.chat.at(-1)?.bids?.turn, event.turn);
    assert.deepEqual(
      held.sort(),
      Object.entries(event.bids).map(([id, n]) => `${id}:${n}`).sort(),
    );
    held = [];
  });
  assert.ok(reveals > 0);
  assert.ok(model.secrets.every((line) => !/\bbid\b/.test(line.text)));
});

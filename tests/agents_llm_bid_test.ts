/**
 * End to end under the bidding turn policy: 8 LLM agents (the real
 * `openai` client against the stub model over HTTP) finish a game in each
 * output mode, the model asked for every bid and answering it from the
 * request's own schema; every bid is one of its turn's amounts and comes
 * before its deadline.
 * @module
 */
import assert from "node:assert/strict";
import { OUTPUT_MODES } from "../agents/mod.ts";
import type { GameEventOf } from "../src/mod.ts";
import { playLlmGame } from "./_llm_game.ts";

for (const mode of OUTPUT_MODES) {
  Deno.test(`runLlmAgent (${mode}): 8 LLM agents finish a bidding game, the model asked for every bid; each bid is one of its turn's amounts, before its deadline, and the bids decide the turns`, async () => {
    const game = await playLlmGame({ mode, turnPolicy: "bidding" });
    assert.ok(game.log.some((event) => event.type === "game_over"));
    const asked = game.log.filter((event): event is GameEventOf<"your_turn"> =>
      event.type === "your_turn" && event.request === "bid"
    );
    const bids = game.log.filter((
      event,
    ): event is GameEventOf<"player_action"> =>
      event.type === "player_action" && event.action === "bid"
    );
    assert.ok(asked.length >= 8, `${asked.length} bid requests`);
    assert.equal(bids.length, asked.length, "every bid request was answered");
    for (const bid of bids) {
      const turn = asked.findLast((t) =>
        t.player_id === bid.player_id && t.seq < bid.seq
      )!;
      assert.ok(turn.amounts?.includes(bid.amount!), `bid ${bid.amount}`);
      assert.ok(bid.at <= turn.deadline, "before the deadline");
      assert.equal(bid.timed_out, false);
      assert.equal(bid.default, undefined, "no default: the model answered");
      assert.ok(bid.usage && bid.usage.promptTokens > 0, "the model was asked");
      assert.equal(typeof bid.reasoning, "string");
    }
    const records = [...game.turns.values()].flat()
      .filter((record) => record.turn.request === "bid");
    assert.equal(records.length, bids.length);
    for (const record of records) {
      assert.equal(record.failed, undefined);
      assert.ok(record.answeredAt < record.turn.deadline);
      assert.deepEqual(record.moves.map((move) => move.kind), ["bid"]);
    }
    // the stub was asked for each bid with the bid request's schema
    const bidRequests = game.requests.filter((request) =>
      request.messages.at(-1)!.content.includes(
        "Bid for the next speaking turn",
      )
    );
    assert.equal(bidRequests.length, bids.length);
    // the revealed bids are the bids the agents made
    const reveals = game.log.filter((
      event,
    ): event is GameEventOf<"bids_revealed"> => event.type === "bids_revealed");
    for (const revealed of reveals) {
      const at = revealed.seq;
      for (const [player, amount] of Object.entries(revealed.bids)) {
        const made: GameEventOf<"player_action"> | undefined = bids.findLast((
          bid,
        ) => bid.player_id === player && bid.seq < at);
        assert.equal(
          made?.amount,
          amount,
          `${player}'s bid on turn ${revealed.turn}`,
        );
      }
    }
    const spoken = game.log.filter((event) => event.type === "bids_revealed");
    assert.ok(
      spoken.some((event) =>
        event.type === "bids_revealed" && event.speaker !== null
      ),
    );
  });
}

/**
 * The turn policies' public facts reach the LLM agent's prompt in both
 * record modes: a round's order, a bidding turn's bids and outcome, the
 * seat's own bid, and a simultaneous vote's votes revealed by its result.
 * @module
 */
import assert from "node:assert/strict";
import { renderPrompt } from "../agents/mod.ts";
import { View } from "./_prompt_fixture.ts";

function prompt(view: View, record: "compact" | "full"): string {
  const context = view.turn("vote", ["p1", "p2", "p3"]);
  return renderPrompt(context, { now: context.turn.at, record })
    .map((message) => message.content).join("\n");
}

function played(): View {
  return new View("p5").phase(1, "lobby", "night")
    .phase(1, "night", "dawn").phase(1, "dawn", "discussion")
    .add({
      type: "speaking_order",
      day: 1,
      round: 1,
      order: ["p3", "p1", "p5"],
    })
    .add({
      type: "player_action",
      player_id: "p5",
      action: "bid",
      target: null,
      amount: 3,
      timed_out: false,
    })
    .add({
      type: "bids_revealed",
      day: 1,
      turn: 2,
      bids: { p1: 0, p3: 4, p5: 3 },
      speaker: "p3",
      tie_break: "highest",
    })
    .phase(1, "discussion", "vote")
    .add({
      type: "vote_result",
      day: 1,
      tally: { p1: 2 },
      abstentions: 1,
      eliminated: "p1",
      votes: { p1: null, p3: "p1", p5: "p1" },
    });
}

Deno.test("renderPrompt records a round's order, the bids and their outcome, the seat's bid and a simultaneous vote's votes (compact)", () => {
  const text = prompt(played(), "compact");
  assert.match(text, /round 1 order: p3, p1, p5/);
  assert.match(text, /you bid 3/);
  assert.match(
    text,
    /bids for turn 2: p1 0, p3 4, you 3; p3 speaks \(highest bid\)/,
  );
  assert.match(text, /p1 2 \(p3, you\); abstained 1 \(p1\); eliminated: p1/);
});

Deno.test("renderPrompt records the same facts in the full log", () => {
  const text = prompt(played(), "full");
  assert.match(text, /round 1 order: p3, p1, p5/);
  assert.match(text, /p5 \(you\) bid 3/);
  assert.match(
    text,
    /bids for turn 2: p1 0, p3 4, you 3; p3 speaks \(highest bid\)/,
  );
  assert.match(text, /votes: p1 abstained, p3 p1, p5 p1/);
});

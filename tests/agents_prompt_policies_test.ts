/**
 * The turn policies' public facts reach the LLM agent's prompt in both
 * record modes: a round's order, a bidding turn's bids and outcome, the
 * seat's own bid, and a simultaneous vote's votes revealed by its result.
 * @module
 */
import assert from "node:assert/strict";
import { renderPrompt } from "../agents/mod.ts";
import { played, type View } from "./_prompt_fixture.ts";

function prompt(view: View, record: "compact" | "full"): string {
  const context = view.turn("vote", ["p1", "p2", "p3"]);
  return renderPrompt(context, { now: context.turn.at, record })
    .map((message) => message.content).join("\n");
}

Deno.test("renderPrompt records a round's order, the bids and their outcome, the seat's bid and a simultaneous vote's votes (compact)", () => {
  const text = prompt(played(), "compact");
  assert.match(text, /round 1 order: p3, p1, p5/);
  assert.match(text, /you bid 3/);
  assert.match(
    text,
    /bids for turn 2: p1 0, p3 4, you 3; p3 speaks \(highest bid\)/,
  );
  assert.match(text, /p1 \(p3, you\); abstained \(p1\); eliminated: p1/);
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

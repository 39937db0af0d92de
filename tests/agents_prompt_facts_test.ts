/**
 * Compact prompts over whole games: every fact of the seat's view so far in
 * its day's block, as often as it happened, and smaller than the full log from
 * day 2 on.
 * @module
 */
import assert from "node:assert/strict";
import { renderPrompt } from "../agents/mod.ts";
import { playGame } from "./_prompt_facts_game.ts";
import { assertHolds, dayOf, factsOf } from "./_prompt_facts.ts";

Deno.test("compact prompts of whole games hold every fact of the seat's view so far, in its day's block (deaths with cause and role, each vote's voter and target, each day's count and who it eliminated, powers, private results, teammates), as often as it happened, and are smaller than the full log from day 2 on", async () => {
  let checked = 0;
  let late = 0;
  const kinds = new Set<string>();
  for (const seed of [1000, 1001, 1002]) {
    const sent = await playGame(seed);
    assert.ok(sent.length > 20, `seed ${seed}: ${sent.length} turns`);
    for (const { context, request } of sent) {
      const [system = "", user = ""] = request.messages.map((m) => m.content);
      const facts = factsOf(context.events, context.me);
      assertHolds(
        facts,
        system,
        user,
        `seed ${seed}, ${context.me}'s ${context.turn.request} turn ${context.turn.seq}`,
      );
      for (const fact of facts) kinds.add(fact.kind);
      checked += facts.length;
      if (dayOf(context.events) < 2) continue;
      const full = renderPrompt(context, {
        now: context.turn.at,
        record: "full",
      })
        .map((message) => message.content).join("\n");
      const compact = `${system}\n${user}`;
      assert.ok(
        compact.length < full.length,
        `seed ${seed}, ${context.me} turn ${context.turn.seq}: compact ${compact.length} chars, full ${full.length}`,
      );
      late++;
    }
  }
  assert.ok(checked > 1000, `${checked} facts checked`);
  assert.ok(late > 20, `${late} prompts of day 2 or later`);
  for (
    const kind of [
      "died (werewolves)",
      "eliminated",
      "vote",
      "vote result",
      "wolf_kill",
      "seer result",
      "witch info",
      "teammates",
    ]
  ) {
    assert.ok(kinds.has(kind), `the games had a fact of the kind "${kind}"`);
  }
});

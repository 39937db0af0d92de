/**
 * LLM agents in a French game get their prompts in French: the game's
 * `locale` reaches each seat in `game_created`, and the fixed text, the
 * announced rules and the record follow it (an English game's prompts stay
 * English).
 * @module
 */
import assert from "node:assert/strict";
import { playLlmGame } from "./_llm_game.ts";

Deno.test("runLlmAgent in a game created with locale fr: every prompt the model receives is French (system, rules, record, request); the game plays to its end", async () => {
  const game = await playLlmGame({ mode: "json_schema", locale: "fr" });
  assert.ok(game.log.some((event) => event.type === "game_over"));
  assert.ok(game.requests.length >= 8);
  for (const request of game.requests) {
    const [system, user] = request.messages.map((m) => m.content);
    assert.match(system ?? "", /^=== RÈGLES ===\n/);
    assert.match(system ?? "", /^Rôles pour 8 joueurs : /m);
    assert.match(user ?? "", /^=== HISTORIQUE ===$/m);
    assert.match(user ?? "", /^=== DEMANDE ===$/m);
    // a speech turn's request lists no targets
    assert.match(
      user ?? "",
      /^(Cibles possibles : |C'est à vous de parler à tout le monde)/m,
    );
    assert.doesNotMatch(`${system}\n${user}`, /=== (RULES|REQUEST) ===/);
  }
  const english = await playLlmGame({ mode: "json_schema" });
  for (const request of english.requests) {
    assert.match(request.messages[0]?.content ?? "", /^=== RULES ===\n/);
  }
});

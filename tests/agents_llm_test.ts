import assert from "node:assert/strict";
import { OUTPUT_MODES } from "../agents/mod.ts";
import { playLlmGame } from "./_llm_game.ts";

for (const mode of OUTPUT_MODES) {
  Deno.test(`runLlmAgent (${mode}): 8 LLM agents on the stub model finish a game on a server process, every turn answered by the model before its deadline`, async () => {
    const game = await playLlmGame({ mode, process: true });
    const winners = new Set(game.results.map((result) => result.winner));
    assert.equal(winners.size, 1);
    assert.ok(game.log.some((event) => event.type === "game_over"));
    const late = game.log.filter((event) =>
      event.type === "player_action" && event.timed_out
    );
    assert.deepEqual(late, []);
    const records = [...game.turns.values()].flat();
    assert.ok(records.length >= 8);
    for (const record of records) {
      assert.equal(record.failed, undefined, `turn ${record.turn.request}`);
      assert.ok(record.answeredAt < record.turn.deadline);
      assert.ok(record.usage && record.usage.promptTokens > 0);
      assert.equal(typeof record.reasoning, "string");
    }
    // every your_turn an agent saw live was answered
    for (const result of game.results) {
      const asked = result.events.filter((event) =>
        event.type === "your_turn" && event.player_id === result.playerId
      );
      const done = new Set(
        game.turns.get(result.playerId)?.map((r) => r.turn.seq),
      );
      assert.deepEqual(asked.filter((turn) => !done.has(turn.seq)), []);
    }
    // each answered turn's usage is stored once, on its first move's event
    for (const [playerId, turns] of game.turns) {
      const sent = turns.reduce((n, r) => n + (r.usage?.promptTokens ?? 0), 0);
      let stored = 0;
      for (const event of game.log) {
        if (event.type === "player_action" && event.player_id === playerId) {
          stored += event.usage?.promptTokens ?? 0;
        }
        if (event.type === "agent_message" && event.agent_id === playerId) {
          stored += event.usage?.promptTokens ?? 0;
        }
      }
      assert.ok(sent > 0);
      assert.equal(stored, sent, `usage of ${playerId}`);
    }
    assert.ok(game.requests.length >= records.length);
  });
}

import assert from "node:assert/strict";
import type { TurnRecord } from "../agents/mod.ts";
import type { StubReply, StubRequest } from "../agents/testing/model_stub.ts";
import { type LlmGame, playLlmGame } from "./_llm_game.ts";

/** Every turn was answered before its deadline and no default was the server's. */
function answeredInTime(game: LlmGame): TurnRecord[] {
  const late = game.log.filter((event) =>
    event.type === "player_action" && event.timed_out
  );
  assert.deepEqual(late, []);
  const records = [...game.turns.values()].flat();
  for (const result of game.results) {
    const done = new Set(
      game.turns.get(result.playerId)?.map((record) => record.turn.seq),
    );
    const missed = result.events.filter((event) =>
      event.type === "your_turn" && event.player_id === result.playerId &&
      !done.has(event.seq)
    );
    assert.deepEqual(missed, []);
  }
  for (const record of records) {
    assert.ok(record.answeredAt < record.turn.deadline, record.turn.request);
  }
  return records;
}

/** The JSON schema name a json_schema request asks for. */
function asked(request: StubRequest): string | undefined {
  return (request.response_format?.json_schema as { name?: string } | undefined)
    ?.name;
}

Deno.test("runLlmAgent: a model slower than every deadline still answers each turn before it, declaring failed: model_error, and the server applies each default at once with that cause", async () => {
  const game = await playLlmGame({
    mode: "json_schema",
    // the agent's margin is 15% of the turn: 150 ms here, room enough for a
    // loaded machine to deliver the declared failure before the deadline
    actionTimeoutMs: 1000,
    stub: { reply: () => ({ delayMs: 60_000 }) },
  });
  const records = answeredInTime(game);
  assert.ok(records.length >= 8);
  for (const record of records) {
    assert.equal(record.failed, "model_error");
    assert.deepEqual(record.moves, []); // declared instead of a move
  }
  const defaults = game.log.filter((event) =>
    event.type === "player_action" && event.default !== undefined
  );
  assert.equal(defaults.length, records.length);
  for (const event of defaults) {
    assert.ok(event.type === "player_action");
    assert.deepEqual(event.default, { cause: "model_error" });
    assert.equal(event.timed_out, false);
    assert.equal(event.usage, undefined); // the model never answered
  }
  const byRequest = new Map(
    records.map((record) => [record.turn.request, record]),
  );
  assert.ok(byRequest.has("speak") && byRequest.has("vote"));
  assert.ok(game.requests.length >= records.length);
});

Deno.test("runLlmAgent: malformed JSON, wrong targets, 429 with retry-after, 500s and refused speech are retried; every turn is still answered legally before its deadline", async () => {
  const faults: ((request: StubRequest) => StubReply | undefined)[] = [
    () => ({ content: '{"reasoning": "cut off' }),
    (request) =>
      asked(request) === "say" ? undefined : {
        content: JSON.stringify({ reasoning: "", target: "p18" }),
      },
    () => ({ status: 429, headers: { "retry-after": "0" } }),
    () => ({ status: 500 }),
    (request) =>
      asked(request) === "say"
        ? { content: JSON.stringify({ reasoning: "", text: "bell \u0007" }) }
        : undefined,
    () => undefined,
  ];
  const game = await playLlmGame({
    mode: "json_schema",
    actionTimeoutMs: 3000,
    stub: {
      reply: (request, index) => faults[index % faults.length]!(request),
    },
  });
  const records = answeredInTime(game);
  const prompts = game.requests.map((request) =>
    request.messages.map((message) => message.content).join("\n")
  );
  assert.ok(
    prompts.some((text) => text.includes("Your last answer was invalid")),
  );
  assert.ok(
    records.some((record) =>
      record.refusals.some((sentence) => /character/i.test(sentence))
    ),
    "a refused speech is asked again with the server's sentence",
  );
  assert.ok(
    prompts.some((text) =>
      text.includes("The server refused your last answer")
    ),
  );
  assert.ok(records.some((record) => record.failed === undefined));
});

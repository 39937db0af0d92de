import assert from "node:assert/strict";
import { llmStrategy, openModel, type TurnContext } from "../agents/mod.ts";
import {
  startModelStub,
  type StubOptions,
} from "../agents/testing/model_stub.ts";
import type { GameEvent } from "../src/mod.ts";

const AT = 1_000_000;

/** A vote turn of p1 among p2 and p3, 60 s long, in a game of 5. */
function voteContext(): TurnContext {
  const events: GameEvent[] = [
    {
      type: "game_created",
      seq: 1,
      at: AT,
      gameId: "g-test1",
      name: "t",
      players: 5,
      roles: { werewolf: 1, seer: 1, witch: 1, villager: 2 },
      actionTimeoutMs: 60_000,
      discussionRounds: 1,
      autoStart: true,
    },
  ];
  const turn = {
    type: "your_turn" as const,
    seq: 2,
    at: AT,
    player_id: "p1",
    request: "vote" as const,
    options: ["p2", "p3"],
    deadline: AT + 60_000,
  };
  return { turn, me: "p1", events: [...events, turn], refusals: [] };
}

/** Runs the strategy on the vote turn with a fake clock that `sleep` moves. */
async function answerWith(stubOptions: StubOptions) {
  await using stub = startModelStub(stubOptions);
  let time = AT;
  const waits: number[] = [];
  const strategy = llmStrategy({
    client: openModel({ baseUrl: stub.baseUrl, apiKey: "t" }),
    model: "stub",
    mode: "json_schema",
    now: () => time,
    sleep: (ms) => {
      waits.push(ms);
      time += ms;
      return Promise.resolve();
    },
  });
  const answer = await strategy.answer(voteContext());
  return { answer, waits, requests: stub.requests };
}

Deno.test("llmStrategy: a 429 waits its retry-after on the injected clock, then the model's legal answer is taken", async () => {
  const { answer, waits, requests } = await answerWith({
    reply: (_, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "7" } } : {
        content: JSON.stringify({ reasoning: "p3 is odd", target: "p3" }),
      },
  });
  assert.deepEqual(waits, [7000]);
  assert.equal(requests.length, 2);
  assert.deepEqual(answer.moves, [{ kind: "vote", target: "p3" }]);
  assert.equal(answer.reasoning, "p3 is odd");
  assert.equal(answer.failed, undefined);
  assert.equal(answer.usage?.model, "stub");
});

Deno.test("llmStrategy: a retry-after past the deadline's margin is not waited: the default (abstain) comes at once, failed: model_error", async () => {
  const { answer, waits, requests } = await answerWith({
    reply: () => ({ status: 429, headers: { "retry-after": "120" } }),
  });
  assert.deepEqual(waits, []);
  assert.equal(requests.length, 1);
  assert.deepEqual(answer.moves, [{ kind: "vote", target: null }]);
  assert.equal(answer.failed, "model_error");
});

Deno.test("llmStrategy: 500s back off (growing waits) until an answer; an answer outside the enum is asked again with what was wrong", async () => {
  const { answer, waits, requests } = await answerWith({
    reply: (_, index) =>
      index < 2
        ? { status: 500 }
        : index === 2
        ? { content: JSON.stringify({ reasoning: "", target: "p9" }) }
        : { content: JSON.stringify({ reasoning: "ok", target: null }) },
  });
  assert.equal(waits.length, 2);
  assert.ok(waits[1]! > waits[0]!);
  assert.equal(requests.length, 4);
  assert.match(
    requests[3]!.messages.at(-1)!.content,
    /last answer was invalid/,
  );
  assert.deepEqual(answer.moves, [{ kind: "vote", target: null }]);
});

Deno.test("llmStrategy: invalid output until the deadline gives the default with failed: invalid_output", async () => {
  const { answer } = await answerWith({
    reply: () => ({ content: "no json here" }),
  });
  assert.equal(answer.failed, "invalid_output");
  assert.deepEqual(answer.moves, [{ kind: "vote", target: null }]);
});

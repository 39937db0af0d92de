/**
 * The LLM agent's bid request: its answer schema (from zod, `reasoning`
 * first, `amount` an enum of the turn's amounts), one tool `bid`, the
 * scale in the prompt, and the strategy in each output mode against the
 * stub model: a valid bid taken, an invalid one asked again, the default
 * (0) with its declared cause when the model fails.
 * @module
 */
import assert from "node:assert/strict";
import {
  llmStrategy,
  openModel,
  OUTPUT_MODES,
  type OutputMode,
  type TurnContext,
} from "../agents/mod.ts";
import { answerSpec, jsonSchemaOf } from "../agents/llm/answer_schema.ts";
import { BID_MEANINGS } from "../agents/llm/prompt.ts";
import {
  startModelStub,
  type StubOptions,
  type StubReply,
  type StubRequest,
} from "../agents/testing/model_stub.ts";
import { BID_AMOUNTS, type GameEvent } from "../src/mod.ts";

const AT = 1_000_000;

/** A bid turn of p1 with `amounts`, 60 s long, in a bidding game of 5. */
function bidContext(amounts: number[] = [...BID_AMOUNTS]): TurnContext {
  const events: GameEvent[] = [{
    type: "game_created",
    seq: 1,
    at: AT,
    gameId: "g-bid01",
    name: "t",
    players: 5,
    roles: { werewolf: 1, seer: 1, witch: 1, villager: 2 },
    actionTimeoutMs: 60_000,
    discussionRounds: null,
    autoStart: true,
    turnPolicy: "bidding",
    locale: "en", // without one, a log from before the setting: French
  }];
  const turn = {
    type: "your_turn" as const,
    seq: 2,
    at: AT,
    player_id: "p1",
    request: "bid" as const,
    options: [],
    amounts,
    deadline: AT + 60_000,
  };
  return { turn, me: "p1", events: [...events, turn], refusals: [] };
}

/** The stub's reply carrying `value` in `mode`'s form. */
function replyOf(mode: OutputMode, value: unknown): StubReply {
  const json = JSON.stringify(value);
  if (mode === "tools") {
    return { toolCalls: [{ name: "bid", arguments: json }] };
  }
  if (mode === "prompt") {
    return { content: `I bid.\n\`\`\`json\n${json}\n\`\`\`` };
  }
  return { content: json };
}

/** Answers the bid turn in `mode` with a fake clock that `sleep` moves. */
async function bidWith(mode: OutputMode, stubOptions: StubOptions) {
  await using stub = startModelStub(stubOptions);
  let time = AT;
  const strategy = llmStrategy({
    client: openModel({ baseUrl: stub.baseUrl, apiKey: "t" }),
    model: "stub",
    mode,
    now: () => time,
    sleep: (ms) => {
      time += ms;
      return Promise.resolve();
    },
  });
  const answer = await strategy.answer(bidContext());
  return { answer, requests: stub.requests };
}

/** The JSON schema a request carried, in its mode. */
function schemaSent(mode: OutputMode, request: StubRequest): unknown {
  if (mode === "json_schema") {
    return request.response_format?.json_schema?.schema;
  }
  if (mode === "tools") return request.tools?.[0]?.function.parameters;
  const text = request.messages.at(-1)!.content;
  return JSON.parse(
    [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].at(-1)![1]!,
  );
}

Deno.test("answerSpec(bid): the schema is made from zod with reasoning first and amount an enum of the turn's own amounts; one tool, bid; a valid answer is one bid move", () => {
  const spec = answerSpec(bidContext().turn, bidContext().events);
  const schema = jsonSchemaOf(spec.schema) as {
    properties: Record<string, { enum?: number[] }>;
    required: string[];
    additionalProperties: boolean;
  };
  assert.deepEqual(Object.keys(schema.properties), ["reasoning", "amount"]);
  assert.deepEqual(schema.required, ["reasoning", "amount"]);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.properties.amount?.enum, [...BID_AMOUNTS]);
  assert.deepEqual(spec.tools.map((tool) => tool.name), ["bid"]);
  assert.deepEqual(jsonSchemaOf(spec.tools[0]!.schema), schema);
  assert.deepEqual(spec.toMoves({ reasoning: "", amount: 4 }), [
    { kind: "bid", amount: 4 },
  ]);
  const few = answerSpec(bidContext([0, 2]).turn, []);
  assert.deepEqual(
    (jsonSchemaOf(few.schema) as typeof schema).properties.amount?.enum,
    [0, 2],
  );
  assert.equal(
    few.schema.safeParse({ reasoning: "", amount: 1 }).success,
    false,
  );
  assert.equal(
    few.schema.safeParse({ reasoning: "", amount: 2 }).success,
    true,
  );
});

Deno.test("BID_MEANINGS says what every allowed amount means, 0 listening and the highest being addressed directly", () => {
  for (const amount of BID_AMOUNTS) {
    assert.ok((BID_MEANINGS[amount] ?? "").length > 0, `amount ${amount}`);
  }
  assert.match(BID_MEANINGS[0]!, /listen/);
  assert.match(BID_MEANINGS[BID_AMOUNTS.at(-1)!]!, /addressed me directly/);
});

for (const mode of OUTPUT_MODES) {
  Deno.test(`llmStrategy (${mode}): a bid turn asks the model with the bid scale and its schema; an amount outside the enum is asked again with what was wrong; the valid bid is taken with its reasoning`, async () => {
    const { answer, requests } = await bidWith(mode, {
      reply: (_, index) =>
        replyOf(mode, {
          reasoning: "p3 named me",
          amount: index === 0 ? 7 : 4,
        }),
    });
    assert.equal(requests.length, 2);
    const prompt = requests[0]!.messages.at(-1)!.content;
    assert.match(prompt, /Bid for the next speaking turn/);
    for (const amount of BID_AMOUNTS) {
      assert.ok(prompt.includes(`- ${amount}: ${BID_MEANINGS[amount]}`));
    }
    const schema = schemaSent(mode, requests[0]!) as {
      properties: { amount: { enum: number[] } };
    };
    assert.deepEqual(schema.properties.amount.enum, [...BID_AMOUNTS]);
    if (mode === "tools") {
      assert.deepEqual(requests[0]!.tools?.map((t) => t.function.name), [
        "bid",
      ]);
    }
    assert.match(
      requests[1]!.messages.at(-1)!.content,
      /last answer was invalid/,
    );
    assert.deepEqual(answer.moves, [{ kind: "bid", amount: 4 }]);
    assert.equal(answer.reasoning, "p3 named me");
    assert.equal(answer.failed, undefined);
    assert.equal(answer.usage?.model, "stub");
  });

  Deno.test(`llmStrategy (${mode}): a model that never gives a valid bid, or fails, gives the default bid 0 with the declared cause`, async () => {
    const invalid = await bidWith(mode, {
      reply: () => replyOf(mode, { reasoning: "", amount: "high" }),
    });
    assert.deepEqual(invalid.answer.moves, [{ kind: "bid", amount: 0 }]);
    assert.equal(invalid.answer.failed, "invalid_output");
    const down = await bidWith(mode, { reply: () => ({ status: 401 }) });
    assert.deepEqual(down.answer.moves, [{ kind: "bid", amount: 0 }]);
    assert.equal(down.answer.failed, "model_error");
    assert.equal(down.requests.length, 1, "a 401 is not retried");
  });
}

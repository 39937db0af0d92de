/**
 * A whole game for the prompt-facts test: eight compact-prompt LLM agents on
 * the model stub scripted per seat, each turn's view paired with the prompt
 * its model received.
 * @module
 */
import assert from "node:assert/strict";
import {
  llmStrategy,
  openModel,
  runAgent,
  type Strategy,
  type TurnContext,
} from "../agents/mod.ts";
import {
  startModelStub,
  type StubRequest,
} from "../agents/testing/model_stub.ts";
import { scriptedReply } from "../bench/_arena_script.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

/** The admin token of the game's server. */
export const ADMIN = "facts-admin";
/** The eight agents' names, one per seat. */
export const NAMES = [
  "Alice",
  "Bruno",
  "Chloe",
  "David",
  "Elsa",
  "Farid",
  "Gina",
  "Hugo",
];

/** One turn an agent answered: its view and the prompt the model received. */
export interface Sent {
  context: TurnContext;
  request: StubRequest;
}

/**
 * Plays one 8-player game (default settings, `seed`) with compact-prompt
 * LLM agents on the stub scripted per seat (bench/_arena_script.ts), and
 * pairs each turn's context with the request its answer made.
 */
export async function playGame(seed: number): Promise<Sent[]> {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using stub = startModelStub({ reply: scriptedReply(seed) });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed,
  });
  const client = openModel({ baseUrl: stub.baseUrl, apiKey: "test" });
  const contexts = new Map<string, TurnContext[]>();
  const agents: Promise<unknown>[] = [];
  for (const [index, name] of NAMES.entries()) {
    const inner = llmStrategy({
      client,
      model: "stub",
      mode: "json_schema",
      record: "compact",
      seed: index + 1,
    });
    const strategy: Strategy = {
      answer(context) {
        contexts.set(context.me, [...contexts.get(context.me) ?? [], context]);
        return inner.answer(context);
      },
      fallback: inner.fallback,
    };
    const joined = Promise.withResolvers<void>();
    const agent = runAgent({
      url: server.wsUrl,
      gameId,
      name,
      strategy,
      seed: index + 1,
      onAck: ({ path }) => path === "lobby.join" && joined.resolve(),
    });
    agents.push(agent);
    await Promise.race([joined.promise, agent]); // seats in name order
  }
  await within(Promise.all(agents), 60_000, `game of seed ${seed}`);
  const sent: Sent[] = [];
  for (const [seat, list] of contexts) {
    const requests = stub.requests.filter((request) =>
      request.messages[0]?.content.includes(`\nYou are ${seat}.\n`)
    );
    assert.equal(requests.length, list.length, `one request per turn ${seat}`);
    list.forEach((context, i) => sent.push({ context, request: requests[i]! }));
  }
  return sent;
}

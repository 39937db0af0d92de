/**
 * Regression tests for what the fuzzer (tests/fuzz_test.ts) found: each
 * guards one hostile input that once failed with INTERNAL_SERVER_ERROR.
 * @module
 */
import assert from "node:assert/strict";
import superjson from "superjson";
import { MAX_DATA_DEPTH, MessageDataSchema } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  RawSocket,
  startTestServer,
  waitFor,
} from "./_helpers.ts";

/** A raw `hub.publish` of an agent_message whose `data` is `dataJson` (JSON text). */
function publishFrame(id: number, dataJson: string): string {
  return `{"id":${id},"method":"mutation","params":{"path":"hub.publish","input":{"json":{"message":{"message_type":"agent_message","message_text":"hi","data":${dataJson}}}}}}`;
}

/** The error of a raw reply, decoded. */
function errorOf(text: string): { message: string; data: { code: string } } {
  const reply = JSON.parse(text);
  assert.ok(reply.error, `not an error: ${text.slice(0, 200)}`);
  return superjson.deserialize(reply.error);
}

Deno.test("MessageDataSchema accepts JSON objects up to MAX_DATA_DEPTH levels and refuses deeper data, prototype keys and non-JSON values", () => {
  const nested = (levels: number): Record<string, unknown> => {
    let value: unknown = 1;
    for (let i = 1; i < levels; i++) value = [value];
    return { x: value };
  };
  assert.equal(
    MessageDataSchema.safeParse(nested(MAX_DATA_DEPTH)).success,
    true,
  );
  assert.equal(
    MessageDataSchema.safeParse({ seq: 3, nested: { a: [1, "b", null, true] } })
      .success,
    true,
  );
  const refused = (value: unknown) => {
    const result = MessageDataSchema.safeParse(value);
    assert.equal(result.success, false, String(Object.keys(Object(value))));
    return result.error?.issues[0]?.message ?? "";
  };
  assert.match(refused(nested(MAX_DATA_DEPTH + 1)), /deeper than 32 levels/);
  assert.match(
    refused(JSON.parse(`{"x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`)),
    /deeper than 32 levels/,
    "a deep value is refused without overflowing the stack",
  );
  for (const key of ["__proto__", "constructor", "prototype"]) {
    assert.match(refused(JSON.parse(`{"a":{"${key}":{"x":1}}}`)), /a key "/);
  }
  assert.match(refused({ at: new Date() }), /not plain JSON/);
  assert.match(refused({ n: 10n }), /bigint/);
  assert.match(refused({ n: Infinity }), /finite/);
  assert.match(refused([1]), /must be an object/);
});

Deno.test("hub.publish refuses data nested 100,000 levels deep with BAD_REQUEST instead of overflowing the stack, and the hub keeps routing", async () => {
  await using server = await startTestServer({ maxMessageBytes: 256 * 1024 });
  await using ui = connectClient(server.wsUrl, {
    clientId: "ui1",
    clientType: "ui",
  });
  const seen = new Collector<{ id: string; data: { message_type: string } }>();
  const sub = ui.trpc.hub.events.subscribe(undefined, { onData: seen.push });
  await seen.until(1);
  await using agent = await RawSocket.open(
    `${server.wsUrl}?client_type=agent&client_id=a1`,
  );
  agent.send(
    publishFrame(1, `{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`),
  );
  const error = errorOf(await agent.next());
  assert.equal(error.data.code, "BAD_REQUEST");
  assert.match(
    error.message,
    /"message\.data": data nests deeper than 32 levels/,
  );
  agent.send(publishFrame(2, '{"ok":[1,{"two":2}]}'));
  assert.ok(JSON.parse(await agent.next()).result);
  // the message; a1's presence may come before or after it (HUB_PRESENCE_MS)
  await waitFor(
    () => seen.items.some((e) => e.data.message_type === "agent_message"),
    "the published message",
  );
  sub.unsubscribe();
});

Deno.test("hub.publish refuses data with a __proto__, constructor or prototype key, so no subscriber's stream fails to serialize", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, {
    clientId: "ui1",
    clientType: "ui",
  });
  const seen = new Collector<{ id: string; data: { message_type: string } }>();
  const errors: unknown[] = [];
  const sub = ui.trpc.hub.events.subscribe(undefined, {
    onData: seen.push,
    onError: (error) => errors.push(error),
  });
  await seen.until(1);
  await using agent = await RawSocket.open(
    `${server.wsUrl}?client_type=agent&client_id=a1`,
  );
  const hostile = [
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"x":[{"prototype":1}]}',
  ];
  for (const [i, data] of hostile.entries()) {
    agent.send(publishFrame(i + 1, data));
    const error = errorOf(await agent.next());
    assert.equal(error.data.code, "BAD_REQUEST", data);
    assert.match(
      error.message,
      /keys __proto__, constructor and prototype are not allowed/,
    );
  }
  agent.send(publishFrame(9, '{"fine":true}'));
  assert.ok(JSON.parse(await agent.next()).result);
  // the message; a1's presence may come before or after it (HUB_PRESENCE_MS)
  await waitFor(
    () => seen.items.some((e) => e.data.message_type === "agent_message"),
    "the published message",
  );
  assert.deepEqual(errors, [], "the ui's subscription never failed");
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  sub.unsubscribe();
});

Deno.test("game.events for an unknown game answers NOT_FOUND instead of starting a stream that fails", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  let started = false;
  let code: string | undefined;
  const sub = ui.trpc.game.events.subscribe({ gameId: "g-0000" }, {
    onStarted: () => (started = true),
    onError: (error) => (code = error.data?.code),
  });
  await waitFor(() => code !== undefined, "the subscription's error");
  assert.equal(code, "NOT_FOUND");
  assert.equal(started, false);
  sub.unsubscribe();
});

Deno.test("ws adapter: a call without params.input runs with no input, and a non-object input gets PARSE_ERROR (tRPC's code for a message it cannot read) naming params.input", async () => {
  await using server = await startTestServer();
  await using raw = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  raw.send({ id: 1, method: "query", params: { path: "system.ping" } });
  assert.ok(JSON.parse(await raw.next()).result, "a query without input");
  raw.send({ id: 2, method: "subscription", params: { path: "hub.events" } });
  assert.deepEqual(JSON.parse(await raw.next()), {
    id: 2,
    result: { type: "started" },
  });
  assert.equal(JSON.parse(await raw.next()).id, 2, "the welcome");
  for (const input of [null, 5, "json"]) {
    raw.send({
      id: 3,
      method: "query",
      params: { path: "system.ping", input },
    });
    const error = errorOf(await raw.next());
    assert.equal(error.data.code, "PARSE_ERROR");
    assert.match(error.message, /params\.input must be superjson's \{"json"/);
  }
  raw.send({ id: 2, method: "subscription.stop" });
  assert.deepEqual(JSON.parse(await raw.next()), {
    id: 2,
    result: { type: "stopped" },
  });
});

Deno.test("describeIssues() says 'Invalid input:' once, not again before zod's reasons", async () => {
  await using server = await startTestServer();
  await using raw = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  raw.send({
    id: 1,
    method: "query",
    params: { path: "game.state", input: { json: [[1]] } },
  });
  const error = errorOf(await raw.next());
  assert.equal(error.data.code, "BAD_REQUEST");
  assert.equal(
    error.message,
    "Invalid input: expected object, received array",
  );
  raw.send({
    id: 2,
    method: "query",
    params: { path: "game.state", input: { json: { gameId: 7 } } },
  });
  assert.equal(
    errorOf(await raw.next()).message,
    'Invalid input: "gameId": expected string, received number',
  );
});

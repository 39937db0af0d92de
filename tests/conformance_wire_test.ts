/**
 * The wire, frame by frame: tRPC's raw-socket tests of
 * `websockets.test.ts` and behaviours of `adapters/ws.ts` (11.25.2) that no
 * tRPC test pins down, against our adapter and tRPC's Node adapter. Where
 * we deliberately differ (README, "Conformance with tRPC's adapter"), the
 * scenario asserts our documented behaviour for `ours`.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { conformance } from "./_conformance.ts";
import { within } from "./_helpers.ts";

const SOURCE = "websockets.test.ts";
const ADAPTER = "adapters/ws.ts";

type ErrorMessage = {
  id: unknown;
  jsonrpc?: string;
  error: {
    code: number;
    message: string;
    data: { code: string; httpStatus: number; path?: string };
  };
};

/** The parts of an error message both adapters must agree on. */
function errorOf(message: Record<string, unknown>) {
  const { id, error } = message as ErrorMessage;
  assert.ok(error, `an error message: ${JSON.stringify(message)}`);
  return {
    id,
    code: error.code,
    dataCode: error.data.code,
    httpStatus: error.data.httpStatus,
    path: error.data.path,
    message: error.message,
  };
}

const greeting = (id: unknown) => ({
  id,
  method: "query",
  params: { path: "greeting", input: null },
});

conformance(
  SOURCE,
  "regression test - slow createContext › send messages immediately on connection",
  { context: "slow" },
  async (s) => {
    const raw = await s.raw();
    raw.send(greeting(1));
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      result: { type: "data", data: "hello world" },
    });
  },
);

conformance(
  SOURCE,
  "regression test - slow createContext › createContext throws",
  { context: "throws" },
  async (s) => {
    const raw = await s.raw();
    raw.send(greeting(1));
    const { messages, close } = await raw.untilClosed();
    assert.deepEqual(messages.map(errorOf), [
      {
        id: null,
        code: -32001,
        dataCode: "UNAUTHORIZED",
        httpStatus: 401,
        path: undefined,
        message: "test",
      },
      {
        id: 1,
        code: -32001,
        dataCode: "UNAUTHORIZED",
        httpStatus: 401,
        path: "greeting",
        message: "test",
      },
    ]);
    // tRPC closes with no code; we keep our documented refusal code
    assert.equal(close.code, s.adapter === "ours" ? 4004 : 1005);
  },
);

conformance(
  ADAPTER,
  "createContext throws: the official client's pending query rejects with the context's error",
  { context: "throws" },
  async (s) => {
    const { client } = s.connect({ retryDelayMs: () => 1000 });
    const error = await within(
      client.greeting.query("x").catch((e) => e),
      5000,
      "the query's answer",
    );
    assert.ok(error instanceof TRPCClientError, String(error));
    assert.equal(error.data?.code, "UNAUTHORIZED");
    assert.equal(error.message, "test");
  },
);

conformance(SOURCE, "malformatted JSON", {}, async (s) => {
  const raw = await s.raw();
  raw.send("not json");
  const error = errorOf(await raw.nextMessage());
  assert.equal(error.id, null);
  assert.equal(error.code, -32700);
  assert.equal(error.dataCode, "PARSE_ERROR");
  assert.equal(error.httpStatus, 400);
});

conformance(SOURCE, "regression - badly shaped request", {}, async (s) => {
  const raw = await s.raw();
  raw.send(greeting(null));
  const error = errorOf(await raw.nextMessage());
  assert.equal(error.id, null);
  assert.equal(error.code, -32700);
  assert.equal(error.dataCode, "PARSE_ERROR");
  // the same code; our sentence says what is allowed
  if (s.adapter === "ours") assert.match(error.message, /needs an `id`/);
  else assert.equal(error.message, "`id` is required");
});

conformance(
  ADAPTER,
  "a message without an id is a PARSE_ERROR",
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send({ method: "query", params: { path: "greeting", input: null } });
    const error = errorOf(await raw.nextMessage());
    assert.equal(error.id, null);
    assert.equal(error.dataCode, "PARSE_ERROR");
  },
);

conformance(
  ADAPTER,
  "a binary frame to an adapter without an encoder is a PARSE_ERROR",
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send(new Uint8Array([1, 2, 3]));
    const error = errorOf(await raw.nextMessage());
    assert.equal(error.id, null);
    assert.equal(error.dataCode, "PARSE_ERROR");
    raw.send(greeting(2));
    assert.equal((await raw.nextMessage()).id, 2, "still serving");
  },
);

conformance(
  SOURCE,
  'include "jsonrpc" in response if sent with message › queries & mutations',
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send({ ...greeting(1), jsonrpc: "2.0" });
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      jsonrpc: "2.0",
      result: { type: "data", data: "hello world" },
    });
    raw.send({
      id: 1,
      jsonrpc: "2.0",
      method: "mutation",
      params: { path: "mut" },
    });
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      jsonrpc: "2.0",
      result: { type: "data", data: "mutation resolved" },
    });
  },
);

conformance(
  SOURCE,
  'include "jsonrpc" in response if sent with message › subscriptions',
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send({
      id: 1,
      jsonrpc: "2.0",
      method: "subscription",
      params: { path: "onMessageObservable", input: null },
    });
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      jsonrpc: "2.0",
      result: { type: "started" },
    });
    await s.control.control.emit.mutate({
      event: "server:msg",
      data: { id: "1" },
    });
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      jsonrpc: "2.0",
      result: { type: "data", data: { id: "1" } },
    });
    raw.send({ id: 1, jsonrpc: "2.0", method: "subscription.stop" });
    assert.deepEqual(await raw.nextMessage(), {
      id: 1,
      jsonrpc: "2.0",
      result: { type: "stopped" },
    });
  },
);

conformance(
  ADAPTER,
  "a subscription whose generator throws sends the error, then stopped",
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send({
      id: 7,
      method: "subscription",
      params: { path: "throwingIterable" },
    });
    assert.deepEqual(await raw.nextMessage(), {
      id: 7,
      result: { type: "started" },
    });
    assert.deepEqual(await raw.nextMessage(), {
      id: 7,
      result: { type: "data", data: { id: "1" } },
    });
    const error = errorOf(await raw.nextMessage());
    assert.deepEqual([error.id, error.dataCode, error.message], [
      7,
      "FORBIDDEN",
      "MyError",
    ]);
    assert.deepEqual(await raw.nextMessage(), {
      id: 7,
      result: { type: "stopped" },
    });
  },
);

conformance(
  ADAPTER,
  "a subscription id still running is refused as a duplicate (BAD_REQUEST)",
  {},
  async (s) => {
    const raw = await s.raw();
    const subscribe = {
      id: 3,
      method: "subscription",
      params: { path: "onMessageObservable" },
    };
    raw.send(subscribe);
    assert.deepEqual(await raw.nextMessage(), {
      id: 3,
      result: { type: "started" },
    });
    raw.send(subscribe);
    const error = errorOf(await raw.nextMessage());
    assert.deepEqual([error.id, error.dataCode], [3, "BAD_REQUEST"]);
    assert.match(error.message, /Duplicate id 3/);
  },
);

conformance(
  "websockets.test.ts",
  "auth / connectionParams › regression: bad connection params",
  { context: "auth" },
  async (s) => {
    for (let round = 0; round < 2; round++) {
      const raw = await s.raw("?connectionParams=1");
      raw.send({
        method: "connectionParams",
        data: { invalidConnectionParams: null },
      });
      const error = errorOf(await raw.nextMessage());
      assert.equal(error.dataCode, "PARSE_ERROR");
      if (s.adapter === "trpc") {
        assert.equal(error.message, "Invalid connection params shape");
      } else {
        assert.match(error.message, /string values.*invalidConnectionParams/);
      }
      await raw[Symbol.asyncDispose]();
    }
  },
);

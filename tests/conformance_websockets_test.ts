/**
 * tRPC's `packages/tests/server/websockets.test.ts`, the calls and the
 * subscriptions: each scenario runs against our adapter and tRPC's Node
 * adapter (`tests/_conformance.ts`).
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { waitFor } from "./_helpers.ts";
import { conformance, emit, listeners, until } from "./_conformance.ts";

const SOURCE = "websockets.test.ts";

conformance(SOURCE, "query", {}, async (s) => {
  const states: string[] = [];
  const { client, wsClient } = s.connect();
  wsClient.connectionState.subscribe({ next: (it) => states.push(it.state) });
  assert.equal(await client.greeting.query(undefined), "hello world");
  assert.equal(await client.greeting.query(null), "hello world");
  assert.equal(await client.greeting.query("alexdotjs"), "hello alexdotjs");
  assert.ok(states.includes("pending"), String(states));
});

conformance(SOURCE, "mutation", {}, async (s) => {
  const { client } = s.connect();
  assert.deepEqual(
    await client.postEdit.mutate({
      id: "id",
      data: { title: "title", text: "text" },
    }),
    { id: "id", title: "title", text: "text" },
  );
});

for (const kind of ["observable", "iterator"] as const) {
  conformance(SOURCE, `basic subscription test (${kind})`, {}, async (s) => {
    const { client } = s.connect();
    const data: unknown[] = [];
    let started = 0;
    const procedure = kind === "observable"
      ? client.onMessageObservable
      : client.onMessageIterable;
    const subscription = procedure.subscribe(undefined, {
      onStarted: () => started++,
      onData: (value) => data.push(value),
    });
    await listeners(s, 1);
    await emit(s, "1");
    await emit(s, "2");
    await waitFor(() => started === 1 && data.length === 2, "two values");
    await emit(s, "2");
    await waitFor(() => data.length === 3, "a third value");
    assert.deepEqual(data, [{ id: "1" }, { id: "2" }, { id: "2" }]);
    subscription.unsubscribe();
    await listeners(s, 0);
  });
}

conformance(SOURCE, "subscription observable with error", {}, async (s) => {
  const { client } = s.connect();
  const seen: unknown[] = [];
  const subscription = client.onMessageObservable.subscribe(undefined, {
    onData: (data) => seen.push({ data }),
    onError: (error) => seen.push({ error }),
  });
  await listeners(s, 1);
  await emit(s, "1");
  await emit(s, "2");
  await s.control.control.error.mutate("MyError");
  await waitFor(() => seen.length === 3, "two values and the error");
  assert.deepEqual(seen.slice(0, 2), [{ data: { id: "1" } }, {
    data: { id: "2" },
  }]);
  const { error } = seen[2] as { error: unknown };
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.message, "MyError");
  subscription.unsubscribe();
  await listeners(s, 0);
});

conformance(
  SOURCE,
  "$subscription() - client resumes subscriptions after reconnecting",
  {},
  async (s) => {
    const { client } = s.connect();
    const data: unknown[] = [];
    client.onMessageObservable.subscribe(undefined, {
      onData: (value) => data.push(value),
    });
    await listeners(s, 1);
    await emit(s, "1");
    await emit(s, "2");
    await waitFor(() => data.length === 2, "two values");
    await s.control.control.destroyConnections.mutate();
    await until(async () => {
      const stats = await s.control.control.stats.query();
      return stats.newSubscriptions === 2 && stats.listeners === 1;
    }, "the subscription made again");
    await emit(s, "3");
    await waitFor(() => data.length === 3, "the value after the reconnect");
    assert.deepEqual(data[2], { id: "3" });
  },
);

conformance(SOURCE, "server subscription ended", {}, async (s) => {
  const { client } = s.connect();
  let data = 0;
  let completed = 0;
  client.onMessageObservable.subscribe(undefined, {
    onData: () => data++,
    onComplete: () => completed++,
  });
  await listeners(s, 1);
  await emit(s, "1");
  await emit(s, "2");
  await waitFor(() => data === 2, "two values");
  assert.equal(await s.control.control.complete.mutate(), true);
  await waitFor(() => completed === 1, "onComplete");
});

conformance(SOURCE, "can close wsClient when subscribed", {}, async (s) => {
  let closed = 0;
  const { client, wsClient } = s.connect({ onClose: () => closed++ });
  let started = 0;
  let completed = 0;
  client.onMessageObservable.subscribe(undefined, {
    onStarted: () => started++,
    onComplete: () => completed++,
  });
  await waitFor(() => started === 1, "onStarted");
  await wsClient.close();
  await waitFor(() => completed === 1 && closed === 1, "complete and close");
  await until(
    async () => (await s.control.control.stats.query()).connections === 0,
    "the server to see the close",
  );
});

conformance(SOURCE, "sub emits errors", {}, async (s) => {
  const { client } = s.connect();
  const counts = { started: 0, data: 0, error: 0, complete: 0 };
  client.onMessageObservable.subscribe(undefined, {
    onStarted: () => counts.started++,
    onData: () => counts.data++,
    onError: () => counts.error++,
    onComplete: () => counts.complete++,
  });
  await listeners(s, 1);
  await emit(s, "1");
  await s.control.control.error.mutate("test");
  await waitFor(() => counts.error === 1, "the error");
  assert.deepEqual(counts, { started: 1, data: 1, error: 1, complete: 0 });
});

conformance(
  SOURCE,
  "wait for slow queries/mutations before disconnecting",
  {},
  async (s) => {
    const { client, wsClient } = s.connect();
    await waitFor(() => wsClient.connection?.state === "open", "open");
    const promise = client.mut.mutate();
    await until(
      async () => (await s.control.control.stats.query()).mutCalls === 1,
      "the mutation to run",
    );
    const ws = wsClient.connection!.ws;
    await wsClient.close();
    assert.equal(await promise, "mutation resolved");
    await waitFor(() => ws.readyState === WebSocket.CLOSED, "closed");
  },
);

conformance(
  SOURCE,
  "requests get aborted if called before connection is established and requests dispatched",
  {},
  async (s) => {
    const { client, wsClient } = s.connect();
    await waitFor(() => wsClient.connection?.state === "open", "open");
    const promise = client.mut.mutate();
    const ws = wsClient.connection!.ws;
    void wsClient.close();
    const error = await promise.catch((e) => e);
    assert.ok(error instanceof TRPCClientError);
    assert.equal(error.message, "Closed before connection was established");
    await waitFor(() => ws.readyState === WebSocket.CLOSED, "closed");
  },
);

for (
  const [name, how] of [
    [
      "subscriptions are automatically resumed upon explicit reconnect request",
      "broadcastReconnect",
    ],
    [
      "subscriptions are automatically resumed if connection is lost",
      "closeConnections",
    ],
  ] as const
) {
  conformance(SOURCE, name, {}, async (s) => {
    let opened = 0;
    let closed = 0;
    const { client } = s.connect({
      onOpen: () => opened++,
      onClose: () => closed++,
    });
    const data: unknown[] = [];
    client.onMessageObservable.subscribe(undefined, {
      onData: (value) => data.push(value),
    });
    await listeners(s, 1);
    await emit(s, "1");
    await waitFor(() => data.length === 1 && opened === 1, "the first value");
    assert.equal(closed, 0);
    await s.control.control[how].mutate();
    await waitFor(() => opened === 2 && closed === 1, "the reconnect");
    await until(async () => {
      const stats = await s.control.control.stats.query();
      return stats.connections === 1 && stats.listeners === 1 &&
        stats.newSubscriptions === 2;
    }, "one connection with the subscription made again");
    assert.equal(data.length, 1);
    await emit(s, "2");
    await waitFor(() => data.length === 2, "the second value");
    assert.deepEqual(data, [{ id: "1" }, { id: "2" }]);
  });
}

conformance(SOURCE, "not found error", {}, async (s) => {
  const { client } = s.connect();
  const untyped = client as unknown as {
    notFound: { query(): Promise<unknown> };
  };
  const error = await untyped.notFound.query().catch((e) => e);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.name, "TRPCClientError");
  assert.equal(error.shape?.data.code, "NOT_FOUND");
});

conformance(SOURCE, "batching", {}, async (s) => {
  const { client } = s.connect();
  assert.deepEqual(
    await Promise.all([
      client.greeting.query(undefined),
      client.postEdit.mutate({ id: "", data: { text: "", title: "" } }),
    ]),
    ["hello world", { id: "", text: "", title: "" }],
  );
});

conformance(SOURCE, "active subscription while querying", {}, async (s) => {
  const { client } = s.connect();
  const data: unknown[] = [];
  let started = 0;
  const subscription = client.onMessageIterable.subscribe(undefined, {
    onStarted: () => started++,
    onData: (value) => data.push(value),
  });
  await listeners(s, 1);
  await emit(s, "1");
  await waitFor(() => data.length === 1, "the first value");
  assert.equal(await client.greeting.query("hello"), "hello hello");
  await emit(s, "2");
  await waitFor(() => data.length === 2, "the second value");
  assert.equal(started, 1);
  subscription.unsubscribe();
  await listeners(s, 0);
});

conformance(
  SOURCE,
  "connection state should not be updated for subscriptions",
  {},
  async (s) => {
    const { client, wsClient } = s.connect();
    await waitFor(
      () => wsClient.connectionState.get().state === "pending",
      "pending",
    );
    const states: string[] = [];
    let data = 0;
    let started = 0;
    const subscription = client.onMessageObservable.subscribe(undefined, {
      onStarted: () => started++,
      onData: () => data++,
      onConnectionStateChange: (state) => states.push(state.state),
    });
    await waitFor(() => started === 1, "onStarted");
    await listeners(s, 1);
    await emit(s, "1");
    await waitFor(() => data === 1, "a value");
    assert.deepEqual(states, ["pending"]);
    subscription.unsubscribe();
  },
);

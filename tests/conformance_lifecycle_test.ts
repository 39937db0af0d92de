/**
 * tRPC's `packages/tests/server/websockets.test.ts`, the connection's life:
 * lazy mode, `lastEventId` across a reconnect, the keep-alive of both
 * sides (small real intervals: what is checked is that pings flow and the
 * connection lives, not when) and `connectionParams`, against our adapter
 * and tRPC's Node adapter.
 * @module
 */
import assert from "node:assert/strict";
import { waitFor } from "./_helpers.ts";
import { conformance, emit, listeners, sleep, until } from "./_conformance.ts";
import { USER_MOCK, USER_TOKEN } from "./_conformance_router.mjs";

const SOURCE = "websockets.test.ts";
const LAZY = { lazy: { enabled: true, closeMs: 1 } };

conformance(SOURCE, "lazy mode › happy path", {}, async (s) => {
  let opened = 0;
  let closed = 0;
  const { client, wsClient } = s.connect({
    ...LAZY,
    onOpen: () => opened++,
    onClose: () => closed++,
  });
  assert.equal(wsClient.connection, null);
  assert.deepEqual(
    await Promise.all([
      client.greeting.query("query 1"),
      client.greeting.query("query 2"),
    ]),
    ["hello query 1", "hello query 2"],
  );
  await waitFor(() => opened === 1 && closed === 1, "the lazy close");
  assert.equal(wsClient.connection, null);
  assert.deepEqual(
    await Promise.all([
      client.greeting.query("query 3"),
      client.greeting.query("query 4"),
    ]),
    ["hello query 3", "hello query 4"],
  );
  await waitFor(() => opened === 2 && closed === 2, "the second lazy close");
});

conformance(SOURCE, "lazy mode › subscription", {}, async (s) => {
  let closed = 0;
  const { client, wsClient } = s.connect({ ...LAZY, onClose: () => closed++ });
  const data: unknown[] = [];
  assert.equal(wsClient.connection, null);
  const sub = client.onMessageObservable.subscribe(undefined, {
    onData: (value) => data.push(value),
  });
  await listeners(s, 1);
  await emit(s, "1");
  await waitFor(() => data.length === 1, "a value");
  assert.deepEqual(data, [{ id: "1" }]);
  sub.unsubscribe();
  await waitFor(() => closed === 1, "the lazy close");
  assert.equal(wsClient.connection, null);
});

conformance(
  SOURCE,
  "lazy mode › reconnects a lazy websocket if there is an active subscription when the websocket is closed",
  {},
  async (s) => {
    let closed = 0;
    const { client, wsClient } = s.connect({
      lazy: { enabled: true, closeMs: 0 },
      onClose: () => closed++,
    });
    const data: unknown[] = [];
    const subscription = client.onMessageObservable.subscribe(undefined, {
      onData: (value) => data.push(value),
    });
    await listeners(s, 1);
    await emit(s, "1");
    await waitFor(() => data.length === 1, "a value");
    await s.control.control.destroyConnections.mutate();
    await waitFor(() => closed === 1, "the close");
    await waitFor(() => wsClient.connection !== null, "the reconnect");
    await until(async () => {
      const stats = await s.control.control.stats.query();
      return stats.listeners === 1 && stats.newSubscriptions === 2;
    }, "the subscription made again");
    await emit(s, "2");
    await waitFor(() => data.length === 2, "a value after the reconnect");
    subscription.unsubscribe();
  },
);

conformance(
  SOURCE,
  "lazy mode › race condition on dispatching / instant close",
  {},
  async (s) => {
    let opened = 0;
    let closed = 0;
    const { client } = s.connect({
      lazy: { enabled: true, closeMs: 0 },
      onOpen: () => opened++,
      onClose: () => closed++,
    });
    assert.equal(await client.greeting.query("query 1"), "hello query 1");
    await waitFor(() => opened === 1 && closed === 1, "the lazy close");
    assert.deepEqual(
      await Promise.all([
        client.greeting.query("query 3"),
        client.greeting.query("query 4"),
      ]),
      ["hello query 3", "hello query 4"],
    );
    await waitFor(() => opened === 2 && closed === 2, "the second close");
  },
);

conformance(SOURCE, "lastEventId › lastEventId", {}, async (s) => {
  const { client } = s.connect();
  const data: unknown[] = [];
  let started = 0;
  const sub = client.iterable.subscribe(undefined, {
    onStarted: () => started++,
    onData: (value) => data.push(value),
  });
  await waitFor(() => started === 1, "onStarted");
  await s.control.control.nextIterable.mutate();
  await waitFor(() => data.length === 1, "the first value");
  assert.deepEqual(data[0], { id: "1", data: { id: "1", title: "hello 1" } });
  await s.control.control.destroyConnections.mutate();
  await waitFor(() => started === 2, "started again");
  await s.control.control.nextIterable.mutate();
  await waitFor(() => data.length === 2, "the next value");
  assert.deepEqual(data[1], { id: "2", data: { id: "2", title: "hello 2" } });
  sub.unsubscribe();
});

conformance(
  SOURCE,
  "keep alive on the server › pong message should be received",
  { keepAlive: { enabled: true, pingMs: 50, pongWaitMs: 200 } },
  async (s) => {
    let pings = 0;
    const { client, wsClient } = s.connect();
    assert.equal(await client.greeting.query(undefined), "hello world");
    wsClient.connection!.ws.addEventListener("message", (event) => {
      if (event.data === "PING") pings++;
    });
    // the client answers each PING; without the answers the server would
    // have given up after the first one
    await waitFor(() => pings >= 4, "four PINGs");
    assert.equal(wsClient.connection?.state, "open");
    assert.equal(await client.greeting.query("still"), "hello still");
    assert.equal((await s.control.control.stats.query()).connections, 1);
  },
);

conformance(
  SOURCE,
  "keep alive on the server › no pong message should be received",
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send({ id: 1, method: "query", params: { path: "greeting" } });
    assert.equal((await raw.nextMessage()).id, 1);
    await sleep(300);
    raw.send({ id: 2, method: "query", params: { path: "greeting" } });
    // no PING came in between: the next frame is the answer
    assert.equal((await raw.nextMessage()).id, 2);
  },
);

conformance(
  SOURCE,
  "keep alive from the client › pong message should be received",
  { keepAlive: { enabled: false } },
  async (s) => {
    let pongs = 0;
    let closed = 0;
    const { client, wsClient } = s.connect({
      keepAlive: { enabled: true, intervalMs: 50, pongTimeoutMs: 200 },
      onClose: () => closed++,
    });
    assert.equal(await client.greeting.query(undefined), "hello world");
    wsClient.connection!.ws.addEventListener("message", (event) => {
      if (event.data === "PONG") pongs++;
    });
    await waitFor(() => pongs >= 3, "three PONGs");
    assert.equal(closed, 0);
  },
);

conformance(
  SOURCE,
  "auth / connectionParams › do a call without auth",
  { context: "auth" },
  async (s) => {
    const { client } = s.connect();
    assert.equal(await client.whoami.query(), null);
  },
);

conformance(
  SOURCE,
  "auth / connectionParams › with auth",
  { context: "auth" },
  async (s) => {
    const { client } = s.connect({
      connectionParams: () => Promise.resolve({ token: USER_TOKEN }),
      lazy: { enabled: true, closeMs: 0 },
    });
    assert.deepEqual(await client.whoami.query(), USER_MOCK);
  },
);

conformance(
  SOURCE,
  "auth / connectionParams › with async auth",
  { context: "auth" },
  async (s) => {
    const { client } = s.connect({
      connectionParams: async () => {
        await sleep(100);
        return { token: USER_TOKEN };
      },
    });
    assert.deepEqual(await client.whoami.query(), USER_MOCK);
  },
);

conformance(
  SOURCE,
  "auth / connectionParams › reconnect with async auth and pending subscriptions",
  { context: "auth" },
  async (s) => {
    let opened = 0;
    let started = 0;
    const { client } = s.connect({
      connectionParams: async () => {
        await sleep(100);
        return { token: USER_TOKEN };
      },
      onOpen: () => opened++,
    });
    client.pending.subscribe(undefined, { onStarted: () => started++ });
    await waitFor(() => opened === 1 && started === 1, "the subscription");
    await s.control.control.broadcastReconnect.mutate();
    await waitFor(() => opened === 2, "the reconnect");
    await until(
      async () => (await s.control.control.stats.query()).connections === 1,
      "one connection left",
    );
    assert.equal(started, 1, "the move is not seen by the subscriber");
  },
);

conformance(
  SOURCE,
  "url callback and connection params is invoked for every reconnect",
  {},
  async (s) => {
    let urlCalls = 0;
    let paramsCalls = 0;
    const states: string[] = [];
    const { wsClient } = s.connect({
      url: () => {
        urlCalls++;
        return s.url;
      },
      connectionParams: () => {
        paramsCalls++;
        return {};
      },
    });
    wsClient.connectionState.subscribe({ next: (it) => states.push(it.state) });
    await waitFor(() => states.at(-1) === "pending", "pending");
    assert.deepEqual([urlCalls, paramsCalls], [1, 1]);
    await s.control.control.destroyConnections.mutate();
    await waitFor(() => states.includes("connecting"), "connecting");
    await waitFor(
      () => states.at(-1) === "pending" && urlCalls === 2,
      "pending again",
    );
    assert.deepEqual([urlCalls, paramsCalls], [2, 2]);
  },
);

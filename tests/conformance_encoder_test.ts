/**
 * tRPC's `packages/tests/server/websockets.encoder.test.ts`:
 * `experimental_encoder` on the server and the client, with JSON, tRPC's
 * mock binary encoder and MessagePack (`@msgpack/msgpack`, tRPC's example),
 * against our adapter and tRPC's Node adapter. `PING` and `PONG` stay text.
 * @module
 */
import assert from "node:assert/strict";
import type { Encoder as ClientEncoder } from "@trpc/client";
import type { Encoder } from "../src/ws/ws_options.ts";
import { waitFor } from "./_helpers.ts";
import { conformance, emit, listeners, until } from "./_conformance.ts";
import { encoderOf, type HostConfig } from "./_conformance_host.ts";
import { USER_MOCK, USER_TOKEN } from "./_conformance_router.mjs";

const SOURCE = "websockets.encoder.test.ts";

// our option takes the very objects tRPC's client takes, and back
const _sameShape: [Encoder, ClientEncoder] = [
  encoderOf({ encoder: "msgpack" })!,
  encoderOf({ encoder: "msgpack" })!,
];

const ENCODERS: [string, HostConfig][] = [
  ["default JSON encoder", {}],
  ["explicit JSON encoder", { encoder: "json" }],
  ["binary encoder", { encoder: "binary" }],
  ["MessagePack encoder", { encoder: "msgpack" }],
];

for (const [label, config] of ENCODERS) {
  const name = (what: string) => `experimental_encoder › ${label} › ${what}`;

  conformance(SOURCE, name("query"), config, async (s) => {
    const { client } = s.connect();
    assert.equal(await client.greeting.query(undefined), "hello world");
    assert.equal(await client.greeting.query("binary"), "hello binary");
  });

  conformance(SOURCE, name("mutation"), config, async (s) => {
    const { client } = s.connect();
    assert.deepEqual(await client.echo.mutate({ message: "binary data" }), {
      received: "binary data",
    });
  });

  conformance(SOURCE, name("subscription"), config, async (s) => {
    const { client } = s.connect();
    const data: unknown[] = [];
    const subscription = client.onMessageObservable.subscribe(undefined, {
      onData: (value) => data.push(value),
    });
    await listeners(s, 1);
    await s.control.control.emit.mutate({
      event: "server:msg",
      data: { id: "1", title: "first" },
    });
    await s.control.control.emit.mutate({
      event: "server:msg",
      data: { id: "2", title: "second" },
    });
    await waitFor(() => data.length === 2, "two values");
    assert.deepEqual(data, [{ id: "1", title: "first" }, {
      id: "2",
      title: "second",
    }]);
    subscription.unsubscribe();
  });
}

for (const [label, config] of ENCODERS.slice(2)) {
  const name = (what: string) => `experimental_encoder › ${label} › ${what}`;

  conformance(
    SOURCE,
    name("tracked subscription (iterable)"),
    config,
    async (s) => {
      const { client } = s.connect();
      const data: unknown[] = [];
      let started = false;
      const sub = client.iterable.subscribe(undefined, {
        onStarted: () => (started = true),
        onData: (value) => data.push(value),
      });
      await waitFor(() => started, "onStarted");
      await s.control.control.nextIterable.mutate();
      await waitFor(() => data.length === 1, "a value");
      assert.deepEqual(data[0], {
        id: "1",
        data: { id: "1", title: "hello 1" },
      });
      sub.unsubscribe();
    },
  );

  conformance(
    SOURCE,
    `PING/PONG with ${label} › the server answers PING with a text PONG`,
    config,
    async (s) => {
      const raw = await s.raw();
      raw.send("PING");
      assert.equal(await raw.next(), "PONG");
    },
  );

  conformance(
    SOURCE,
    `PING/PONG with ${label} › the client answers the server's PING (keep-alive) with PONG`,
    { ...config, keepAlive: { enabled: true, pingMs: 50, pongWaitMs: 300 } },
    async (s) => {
      let pings = 0;
      const { client, wsClient } = s.connect();
      assert.equal(await client.greeting.query(undefined), "hello world");
      wsClient.connection!.ws.addEventListener("message", (event) => {
        if (event.data === "PING") pings++;
      });
      await waitFor(() => pings >= 3, "three PINGs, each answered");
      assert.equal(await client.greeting.query("again"), "hello again");
      assert.equal(wsClient.connection?.state, "open");
    },
  );

  conformance(
    SOURCE,
    `broadcastReconnectNotification › works with ${label}`,
    config,
    async (s) => {
      let opened = 0;
      const { client } = s.connect({ onOpen: () => opened++ });
      const data: unknown[] = [];
      client.onMessageObservable.subscribe(undefined, {
        onData: (value) => data.push(value),
      });
      await listeners(s, 1);
      await emit(s, "1");
      await waitFor(() => data.length === 1, "the first value");
      await s.control.control.broadcastReconnect.mutate();
      await waitFor(() => opened === 2, "the reconnect");
      await until(async () => {
        const stats = await s.control.control.stats.query();
        return stats.connections === 1 && stats.listeners === 1 &&
          stats.newSubscriptions === 2;
      }, "the subscription moved");
      await emit(s, "2");
      await waitFor(() => data.length === 2, "the second value");
    },
  );

  conformance(
    SOURCE,
    `error handling › parse errors are handled with ${label}`,
    config,
    async (s) => {
      const raw = await s.raw();
      raw.send("invalid data that is not serialized correctly");
      const reply = await raw.nextMessage() as {
        id: unknown;
        error: { data: { code: string } };
      };
      assert.equal(reply.id, null);
      assert.equal(reply.error.data.code, "PARSE_ERROR");
    },
  );

  conformance(
    SOURCE,
    `connection params › connection params work with ${label}`,
    { ...config, context: "auth" },
    async (s) => {
      const { client } = s.connect({
        connectionParams: () => Promise.resolve({ token: USER_TOKEN }),
        lazy: { enabled: true, closeMs: 0 },
      });
      assert.deepEqual(await client.whoami.query(), USER_MOCK);
    },
  );
}

/**
 * upgradeTRPCWebSocket()'s subscriptions: tracked ids and a resume with
 * `lastEventId` after a reconnect, `subscription.stop`, a duplicate id
 * refused, and deliveries to every socket while a backlog drains.
 * @module
 */
import assert from "node:assert/strict";
import { Collector, RawSocket, waitFor, within } from "./_helpers.ts";
import { serveTestRouter } from "./_test_router.ts";
import { call, client, errorOf } from "./_ws_adapter_helpers.ts";

Deno.test("upgradeTRPCWebSocket() delivers tracked ids and resumes with lastEventId after a forced reconnect", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const got = new Collector<{ id: string; data: number }>();
  const sub = c.trpc.feed.subscribe(undefined, { onData: got.push });
  await waitFor(() => server.feed.inputs.length === 1, "the subscription");
  await c.trpc.publish.mutate(3);
  await got.until(3);
  assert.deepEqual(got.items.map((item) => item.id), ["1", "2", "3"]);

  const reopened = new Promise<void>((resolve) => {
    let opens = 0;
    c.ws.connectionState.subscribe({
      next: (state) => {
        if (state.state === "pending" && ++opens === 1) resolve();
      },
    });
  });
  server.sockets.closeAll(4000, "forced reconnect");
  server.feed.publish(2); // published while the client is away
  await within(reopened, 5000, "reconnect");
  await got.until(5);
  assert.deepEqual(got.items.map((item) => item.data), [1, 2, 3, 4, 5]);
  await waitFor(() => server.feed.inputs.length === 2, "the resubscribe");
  assert.deepEqual(server.feed.inputs[1], { lastEventId: "3" });
  sub.unsubscribe();
  await waitFor(() => server.feed.finished === 2, "both generators to finish");
});

Deno.test("upgradeTRPCWebSocket() stops a subscription on subscription.stop and answers stopped", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send(call(1, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "started" },
  });
  raw.send({ id: 1, method: "subscription.stop" });
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "stopped" },
  });
  await waitFor(() => server.feed.finished === 1, "the generator's finally");
  // the id is free again
  raw.send(call(1, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "started" },
  });
});

Deno.test("upgradeTRPCWebSocket() refuses a duplicate subscription id", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send(call(7, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 7,
    result: { type: "started" },
  });
  raw.send(call(7, "subscription", "feed", undefined));
  const reply = await raw.nextJson();
  const replyError = errorOf(reply);
  assert.equal(reply.id, 7);
  assert.equal(replyError.data.code, "BAD_REQUEST");
  assert.match(replyError.message, /Duplicate id 7/);
});

Deno.test("upgradeTRPCWebSocket() keeps deliveries flowing to every socket while a backlog drains", async () => {
  await using server = serveTestRouter();
  await using a = await RawSocket.open(server.url);
  await using b = await RawSocket.open(server.url);
  const n = 20_000;
  const order: string[] = [];
  const count = { a: 0, b: 0 };
  const done = Promise.all(
    (["a", "b"] as const).map(async (name) => {
      const socket = name === "a" ? a : b;
      socket.send(call(1, "subscription", "burst", n));
      while (true) {
        const frame = await socket.nextJson(10_000) as {
          result?: { type: string };
        };
        if (frame.result?.type === "stopped") break;
        if (frame.result?.type === "data") {
          if (++count[name] === 1 || count[name] === n) {
            order.push(`${name}${count[name]}`);
          }
        }
      }
    }),
  );
  await within(done, 30_000, "both bursts");
  assert.equal(count.a, n);
  assert.equal(count.b, n);
  // both sockets got their first delivery before either got its last
  assert.deepEqual(order.slice(0, 2).sort(), ["a1", "b1"]);
});

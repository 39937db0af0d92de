import assert from "node:assert/strict";
import { startMain } from "./_main_process.ts";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import {
  RawSocket,
  startTestServer,
  trackedRetryDelay,
  within,
} from "./_helpers.ts";
import { serveTestRouter, type TestRouter } from "./_test_router.ts";

Deno.test("RunningServer.shutdown() sends the reconnect notification, refuses new sockets, then closes with 1012", async () => {
  const server = await startTestServer();
  const raw = await RawSocket.open(`${server.wsUrl}?client_type=observer`);
  const stopping = server.server.shutdown();
  assert.deepEqual(await raw.nextJson(), { id: null, method: "reconnect" });
  const closed = await within(raw.closed, 5000, "close");
  assert.equal(closed.code, 1012);
  await stopping;
  await within(server.server.finished, 5000, "the server to finish");
});

Deno.test("SocketSet.drain() lets calls in flight finish before the sockets close", async () => {
  await using server = serveTestRouter();
  // The reconnect the notification starts waits 400 ms: past the drain.
  const retry = trackedRetryDelay(() => 400);
  const ws = createWSClient({
    url: server.url,
    retryDelayMs: retry.retryDelayMs,
  });
  const trpc = createTRPCClient<TestRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  try {
    await trpc.add.mutate({ a: 1, b: 1 }); // connected
    const slow = trpc.slow.mutate(300);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let it reach the server
    assert.equal(server.sockets.inFlight, 1);
    assert.equal(server.sockets.broadcastReconnectNotification(), 1);
    const drained = await server.sockets.drain(5000);
    assert.equal(drained, true);
    assert.equal(await slow, "done");
    assert.equal(server.sockets.draining, true);
    const refused = await fetch(`${server.url.replace("ws", "http")}/`, {
      headers: { upgrade: "websocket" },
    });
    assert.equal(refused.status, 503);
    await refused.body?.cancel();
  } finally {
    await ws.close();
    await retry.settled();
  }
});

Deno.test("SocketSet.drain() gives up after its timeout when a call runs too long", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send({
    id: 1,
    method: "mutation",
    params: { path: "slow", input: superjson.serialize(400) },
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(await server.sockets.drain(50), false);
  assert.equal(server.sockets.inFlight, 1);
  await raw.next(2000); // the call's result still arrives
  assert.equal(server.sockets.inFlight, 0);
});

Deno.test("main.ts shuts down gracefully on SIGTERM and exits 0", async () => {
  await using main = await startMain({
    WS_HOST: "127.0.0.1",
    WS_PORT: "0",
    DATA_DIR: ":memory:",
  });
  await using raw = await RawSocket.open(
    `ws://127.0.0.1:${main.port}/trpc?client_type=ui`,
  );
  const status = main.stop("SIGTERM");
  assert.deepEqual(await raw.nextJson(), { id: null, method: "reconnect" });
  assert.equal((await within(raw.closed, 5000, "close")).code, 1012);
  assert.equal((await within(status, 10_000, "the process to exit")).code, 0);
});

import assert from "node:assert/strict";
import { runtimePingSeconds } from "../src/transport/ws_options.ts";
import { RawSocket, startTestServer, waitFor, within } from "./_helpers.ts";
import { TcpWebSocket } from "./_tcp_ws.ts";

Deno.test("runtimePingSeconds() gives Deno's own ping the keep-alive's deadline, and none without a keep-alive", () => {
  assert.equal(
    runtimePingSeconds({ enabled: true, pingMs: 30_000, pongWaitMs: 5_000 }),
    35,
  );
  assert.equal(runtimePingSeconds({ enabled: true }), 35);
  assert.equal(
    runtimePingSeconds({ enabled: true, pingMs: 100, pongWaitMs: 100 }),
    0.2,
  );
  assert.equal(runtimePingSeconds({ enabled: false, pingMs: 100 }), 0);
  assert.equal(runtimePingSeconds(undefined), 0);
});

Deno.test("keep-alive: a half-open peer (silent, its TCP connection open) loses its session and its TCP connection, not only its session", async () => {
  await using server = startTestServer({ pingMs: 100, pongWaitMs: 100 });
  let started = false;
  const ws = await TcpWebSocket.open(
    server.server.port,
    "/trpc?client_type=ui&client_id=ghost",
    (text) => (started ||= text.includes('"type":"started"')),
  );
  try {
    await ws.send(JSON.stringify({
      id: 1,
      method: "subscription",
      params: { path: "hub.events", input: {} },
    }));
    await waitFor(() => started, "the subscription");
    ws.silence(); // answers neither the tRPC PING nor the WebSocket ping
    await waitFor(
      () => server.server.sockets.size === 0 && server.server.hub.size === 0,
      "the session released",
    );
    // a close that waited for this peer's close frame would never end it
    assert.equal(await ws.readToEnd(5000), 1001, "the runtime's close");
  } finally {
    await ws.drop();
  }
});

Deno.test("keep-alive: a live client answers the runtime's ping by itself and stays connected", async () => {
  await using server = startTestServer({ pingMs: 100, pongWaitMs: 100 });
  let trpcPings = 0;
  const ws = await TcpWebSocket.open(
    server.server.port,
    "/trpc?client_type=ui",
    () => {},
    () => trpcPings++,
  );
  try {
    // several rounds of both pings, each answered by the read loop
    await waitFor(
      () => (ws.pings >= 3 && trpcPings >= 3) || ws.closeCode !== null,
      "three rounds of pings",
    );
    assert.equal(ws.closeCode, null);
    assert.equal(server.server.sockets.size, 1);
  } finally {
    await ws.drop();
  }
});

Deno.test("keep-alive: a client that answers the runtime's ping but never PING is closed with 4005 once the runtime's deadline passed too", async () => {
  await using server = startTestServer({ pingMs: 100, pongWaitMs: 100 });
  // Deno's WebSocket answers the runtime's ping by itself, not `PING`
  await using raw = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  assert.equal(await raw.next(), "PING");
  const closed = await within(raw.closed, 5000, "the close");
  assert.equal(closed.code, 4005);
  assert.match(closed.reason, /no answer to PING within 100 ms/);
  await waitFor(() => server.server.sockets.size === 0, "the session gone");
});

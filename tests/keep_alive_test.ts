import assert from "node:assert/strict";
import { KeepAlive } from "../src/ws/_keep_alive.ts";
import { runtimePingSeconds } from "../src/ws/ws_options.ts";
import { FakeClock, settle } from "./_fake_clock.ts";
import { RawSocket, startTestServer, waitFor, within } from "./_helpers.ts";
import { TcpWebSocket } from "./_tcp_ws.ts";
import { serveTestRouter } from "./_test_router.ts";

function watched(clock: FakeClock, idleMs = 0) {
  const seen: string[] = [];
  const keepAlive = new KeepAlive({
    idleMs,
    pingMs: 2_000,
    pongWaitMs: 5_000,
    ping: () => seen.push(`PING@${clock.time}`),
    close: (code) => seen.push(`close ${code}@${clock.time}`),
    noPong: (reason) => seen.push(`${reason}@${clock.time}`),
    timers: clock,
  });
  return { keepAlive, seen };
}

Deno.test("KeepAlive sends PING pingMs after the last message, a PONG included, as tRPC's handleKeepAlive", async () => {
  const clock = new FakeClock();
  const t0 = clock.time;
  const { keepAlive, seen } = watched(clock);
  keepAlive.start();
  await clock.advance(1_999);
  assert.deepEqual(seen, []);
  await clock.advance(1);
  assert.deepEqual(seen, [`PING@${t0 + 2_000}`]);
  await clock.advance(300);
  keepAlive.activity(); // the PONG
  await clock.advance(1_999);
  assert.equal(seen.length, 1, "not before pingMs after the PONG");
  await clock.advance(1);
  assert.deepEqual(seen.at(-1), `PING@${t0 + 4_300}`);
  keepAlive.activity(); // PONG at once
  await clock.advance(1_000);
  keepAlive.activity(); // any message postpones the next PING
  await clock.advance(1_999);
  assert.equal(seen.length, 2);
  await clock.advance(1);
  assert.deepEqual(seen.at(-1), `PING@${t0 + 7_300}`);
  keepAlive.stop();
  assert.equal(clock.pending, 0);
});

Deno.test("KeepAlive gives up on a peer pongWaitMs after a PING that nothing followed, as tRPC's terminate()", async () => {
  const clock = new FakeClock();
  const t0 = clock.time;
  const { keepAlive, seen } = watched(clock);
  keepAlive.start();
  await clock.advance(2_000);
  await clock.advance(4_999);
  assert.deepEqual(seen, [`PING@${t0 + 2_000}`]);
  await clock.advance(1);
  assert.deepEqual(seen, [
    `PING@${t0 + 2_000}`,
    `no answer to PING within 5000 ms@${t0 + 7_000}`,
  ]);
  assert.equal(clock.pending, 0, "nothing more after giving up");
});

Deno.test("KeepAlive's idle timeout closes with 4002 after idleMs without a message, pings or not", async () => {
  const clock = new FakeClock();
  const { keepAlive, seen } = watched(clock, 3_000);
  keepAlive.start();
  await clock.advance(2_000); // PING
  keepAlive.activity();
  await clock.advance(2_999);
  assert.equal(seen.filter((it) => it.startsWith("close")).length, 0);
  await clock.advance(1);
  assert.equal(seen.at(-1), `close 4002@${clock.time}`);
});

Deno.test("upgradeTRPCWebSocket() keep-alive on an injected clock: PING after pingMs, the next pingMs after the PONG; a silent peer's session ends pongWaitMs after its PING, its close (4005) after the runtime's deadline", async () => {
  const clock = new FakeClock();
  await using server = serveTestRouter({
    keepAlive: { enabled: true, pingMs: 2_000, pongWaitMs: 5_000 },
    clock,
  });
  await using raw = await RawSocket.open(server.url);
  await waitFor(() => server.contexts.length === 1, "the context");
  await clock.advance(2_000);
  assert.equal(await raw.next(), "PING");
  raw.send("PONG");
  raw.send("PING"); // its PONG tells that the server has read the PONG
  assert.equal(await raw.next(), "PONG");
  await clock.advance(1_999);
  assert.deepEqual(
    clock.timers.filter((timer) => timer.live).map((timer) => timer.at),
    [clock.time + 1],
    "the PONG re-armed the timer for pingMs after it",
  );
  await clock.advance(1);
  assert.equal(await raw.next(), "PING", "pingMs after the PONG");
  await clock.advance(4_999);
  await settle();
  assert.equal(server.contexts[0]?.signal.aborted, false);
  await clock.advance(1);
  await settle();
  assert.equal(server.contexts[0]?.signal.aborted, true, "cut off");
  raw.send("PING"); // heard no more
  await clock.advance(
    runtimePingSeconds({
      enabled: true,
      pingMs: 2_000,
      pongWaitMs: 5_000,
    }) * 1000,
  );
  const closed = await within(raw.closed, 5000, "the close");
  assert.equal(closed.code, 4005);
  assert.match(closed.reason, /no answer to PING within 5000 ms/);
  await waitFor(() => server.sockets.size === 0, "the socket gone");
});

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
  await using server = await startTestServer({ pingMs: 100, pongWaitMs: 100 });
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
  await using server = await startTestServer({ pingMs: 100, pongWaitMs: 100 });
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

Deno.test("keep-alive: a client that answers the runtime's ping but never PING loses its session pongWaitMs after the PING, and gets close 4005 once the runtime's deadline passed too", async () => {
  await using server = await startTestServer({ pingMs: 100, pongWaitMs: 100 });
  // Deno's WebSocket answers the runtime's ping by itself, not `PING`
  await using raw = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  assert.equal(await raw.next(), "PING");
  await waitFor(() => server.server.hub.size === 0, "the session over");
  const closed = await within(raw.closed, 5000, "the close");
  assert.equal(closed.code, 4005);
  assert.match(closed.reason, /no answer to PING within 100 ms/);
  await waitFor(() => server.server.sockets.size === 0, "the socket gone");
});

/**
 * A client that stops reading for good: the server cuts it off (4003) and,
 * when its close frame cannot be written either, drops the connection
 * `WS_SLOW_CONSUMER_MS` later (src/ws/_drop.ts), on the tRPC endpoint and
 * the original protocol's, so neither the socket nor the address's slot
 * stays held by a peer that keeps its TCP connection open.
 * @module
 */
import assert from "node:assert/strict";
import superjson from "superjson";
import { DROP_VERIFIED_DENO, dropConnection } from "../src/ws/_drop.ts";
import { startTestServer, waitFor } from "./_helpers.ts";
import { maskedTextFrame } from "./_raw_frames.ts";
import { rawUpgrade } from "./_raw_http.ts";
import { floodUntilCut } from "./_slow_consumer.ts";
import { serveTestRouter } from "./_test_router.ts";

Deno.test("dropConnection() reads Deno's internals as verified on DROP_VERIFIED_DENO (re-verify on another Deno), and answers false for what is not a Deno WebSocket", () => {
  assert.equal(
    Deno.version.deno,
    DROP_VERIFIED_DENO,
    "src/ws/_drop.ts was verified on another Deno: check that it still drops (this file's other tests), then move DROP_VERIFIED_DENO",
  );
  assert.equal(dropConnection({}), false);
});

Deno.test("upgradeTRPCWebSocket() cuts off a client that stops reading, then drops its connection when the close frame cannot be written", async () => {
  await using server = serveTestRouter({
    highWaterMark: 64 * 1024,
    maxBufferedBytes: 512 * 1024,
    slowConsumerMs: 300,
  });
  await using slow = await rawUpgrade(server.port, { path: "/" });
  assert.equal(slow.status, 101);
  const firehose = {
    id: 1,
    method: "subscription",
    params: { path: "firehose", input: superjson.serialize(undefined) },
  };
  await slow.conn.write(maskedTextFrame(JSON.stringify(firehose)));
  // never read again: the server must give up on this client by itself
  await waitFor(
    () => server.sockets.size === 0,
    "the slow client to be cut off",
    20_000,
  );
  await waitFor(
    () => server.feed.finished === 1,
    "the firehose generator to end",
    5000,
  );
  // its close frame is stuck behind what it never read: the server drops it
  await waitFor(
    () => server.sockets.closing === 0,
    "the cut-off connection to be dropped",
    10_000,
  );
});

Deno.test("/ws/{client_id} drops a cut-off client that never reads its close frame, and frees its address's slot", async () => {
  await using server = await startTestServer({
    maxBufferedBytes: 256 * 1024,
    slowConsumerMs: 300,
  });
  const { hub, sockets, guard } = server.server;
  await using slow = await rawUpgrade(server.server.port, {
    path: "/ws/slow?client_type=ui",
  });
  assert.equal(slow.status, 101);
  await waitFor(() => sockets.size === 1, "the legacy socket to open");
  assert.equal(guard.openSockets(), 1);
  await floodUntilCut(hub, "slow");
  await waitFor(() => sockets.size === 0, "the slow client cut off", 20_000);
  await waitFor(
    () => sockets.closing === 0 && guard.openSockets() === 0,
    "the cut-off connection dropped and its slot free",
    10_000,
  );
});

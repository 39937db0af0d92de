import assert from "node:assert/strict";
import { connectClient, waitFor } from "./_helpers.ts";
import {
  type ChildStats,
  openFileLimit,
  ServerProcess,
} from "./_server_process.ts";
import { TcpWebSocket } from "./_tcp_ws.ts";

/** Connections that hold their subscriptions at the same time, then vanish. */
const CONNECTIONS = 2000;
/** More that vanish as soon as they sent their subscriptions, racing their start. */
const EARLY = 500;
/** One connection in this many also subscribes to hub.events (see openAll). */
const HUB_EVERY = 20;
const MB = 1024 * 1024;
/**
 * Memory once the server forgot them, against a warm-up round of the same
 * size. The precise measures are the open descriptors (each connection
 * Deno still held would keep one) and the heap after a full collection,
 * which may keep 10 MB more than after the warm-up: the hub's history of
 * presence messages and its session memory, both bounded, grow with every
 * client. The resident size never returns to a fresh process's (freed
 * pages stay with the allocator and V8, as many as the peak needed), and on
 * a busy two-core machine identical rounds ended up to 60 MB apart; it may
 * be at most 100 MB over the most the warm-up reached, so it fails only on
 * a leak outside the heap of more than 40 KB a connection.
 */
const RSS_SLACK = 100 * MB;
const HEAP_SLACK = 10 * MB;

/** How a connection leaves; none sends a close frame. */
type Exit = "early" | "fin" | "silent";

/** A raw connection that sent connectionParams and its subscriptions. */
interface Dropper {
  ws: TcpWebSocket;
  exit: Exit;
  started: number;
  wants: number;
}

/** Which way connection `i` leaves. */
function exitOf(i: number): Exit {
  if (i >= CONNECTIONS) return "early";
  return i % 2 === 0 ? "fin" : "silent";
}

/** Opens connection `i`: connectionParams, game.events and maybe hub.events. */
async function openOne(
  port: number,
  at: { gameId: string; round: string; i: number },
): Promise<Dropper> {
  const { gameId, round, i } = at;
  const hub = i % HUB_EVERY === 0;
  const dropper: Dropper = {
    ws: null as unknown as TcpWebSocket,
    exit: exitOf(i),
    started: 0,
    wants: hub ? 2 : 1,
  };
  dropper.ws = await TcpWebSocket.open(
    port,
    "/trpc?connectionParams=1",
    (text) => {
      if (text.includes('"type":"started"')) dropper.started++;
    },
  );
  const frames: unknown[] = [
    {
      method: "connectionParams",
      data: { clientId: `${round}-${i}`, clientType: i % 2 ? "ui" : "agent" },
    },
    {
      id: 1,
      method: "subscription",
      params: { path: "game.events", input: { json: { gameId } } },
    },
  ];
  if (hub) {
    frames.push({
      id: 2,
      method: "subscription",
      params: { path: "hub.events", input: {} },
    });
  }
  for (const frame of frames) await dropper.ws.send(JSON.stringify(frame));
  // leaves before its subscriptions are answered: they may start on a closed socket
  if (dropper.exit === "early") await dropper.ws.drop();
  return dropper;
}

/**
 * Opens every connection, 100 handshakes at a time. Only one in
 * {@linkcode HUB_EVERY} subscribes to hub.events: each such subscriber gets
 * a presence message for every other connection that comes and goes, and
 * subscribing them all would make the test about an O(n²) fan-out.
 */
async function openAll(
  port: number,
  gameId: string,
  round: string,
): Promise<Dropper[]> {
  const droppers: Dropper[] = [];
  const total = CONNECTIONS + EARLY;
  for (let wave = 0; wave < total; wave += 100) {
    const size = Math.min(100, total - wave);
    droppers.push(
      ...await Promise.all(
        Array.from(
          { length: size },
          (_, k) => openOne(port, { gameId, round, i: wave + k }),
        ),
      ),
    );
  }
  return droppers;
}

/** The server's stats once `done` holds (bounded). */
async function statsWhen(
  server: ServerProcess,
  done: (stats: ChildStats) => boolean,
  what: string,
): Promise<ChildStats> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const stats = await server.stats();
    if (done(stats)) return stats;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(stats)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A server at rest holds fewer descriptors; a leak here would hold hundreds. */
const FDS_AT_REST = 100;

/**
 * One round: everyone connects and subscribes; then half close their TCP
 * connection (FIN, no close frame) and half go silent with the connection
 * open (half-open: only the keep-alive can tell). Resolves once the server
 * forgot them all and closed their descriptors, while the silent ones
 * still hold their end open, with the server's stats at the peak and then.
 */
async function round(
  server: ServerProcess,
  gameId: string,
  name: string,
  /** Descriptors at most, once reaped (a loaded machine closes them late). */
  restFds = FDS_AT_REST,
): Promise<{ open: ChildStats; reaped: ChildStats }> {
  const droppers = await openAll(server.port, gameId, name);
  const staying = droppers.filter((d) => d.exit !== "early");
  try {
    await waitFor(
      () => staying.every((d) => d.started === d.wants),
      "every subscription started",
      20_000,
    );
    const open = await server.stats();
    assert.deepEqual(
      staying.filter((d) => d.ws.closeCode !== null).map((d) => d.ws.closeCode),
      [],
      "the server closed none of them before they left",
    );
    for (const d of staying) {
      if (d.exit === "fin") void d.ws.drop();
      else d.ws.silence();
    }
    const reaped = await statsWhen(
      server,
      (s) => s.sockets === 0 && s.clients === 0 && s.fds <= restFds,
      "every connection forgotten and its descriptor closed",
    );
    assert.equal((await server.get("/stats")).total_clients, 0, "GET /stats");
    return { open, reaped };
  } finally {
    await Promise.all(droppers.map((d) => d.ws.drop()));
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / MB * 10) / 10;
}

function summary(stats: ChildStats): Record<string, number> {
  const { sockets, clients, fds } = stats;
  return {
    sockets,
    clients,
    fds,
    rss_mb: mb(stats.rss),
    heap_mb: mb(stats.heapUsed),
  };
}

Deno.test("drop: 2,000 subscribed WebSocket connections that vanish without a close handshake (and 500 that vanish before their subscriptions start) leave no client, socket, descriptor or memory behind", async () => {
  const limit = await openFileLimit();
  assert.ok(
    limit >= CONNECTIONS + EARLY + 500,
    `this test holds ${
      CONNECTIONS + EARLY
    } sockets: raise the open-file limit (ulimit -n is ${limit})`,
  );
  await using server = await ServerProcess.start({
    // the keep-alive (and the runtime's ping, a little earlier) reaps
    // half-open connections; the waits leave room for this busy process
    WS_PING_MS: "5000",
    WS_PONG_WAIT_MS: "5000",
    WS_RATE_LIMIT: "0",
  });
  let gameId: string;
  {
    await using admin = connectClient(server.wsUrl, { clientType: "ui" });
    ({ gameId } = await admin.trpc.lobby.createGame.mutate({ players: 8 }));
  }
  // a first round warms the JIT and the allocator: the baseline comes after it
  const warm = await round(server, gameId, "warm");
  const baseline = await server.stats();
  const rssBefore = Math.max(baseline.rss, warm.open.rss, warm.reaped.rss);
  // reaped: back to the baseline's descriptors (within 5), waited for up to
  // 25 s; a leak would keep hundreds and time out here
  const { open, reaped } = await round(
    server,
    gameId,
    "drop",
    baseline.fds + 5,
  );
  console.log(JSON.stringify({
    warm_peak: summary(warm.open),
    baseline: summary(baseline),
    open: summary(open),
    reaped: summary(reaped),
  }));
  assert.ok(open.sockets >= CONNECTIONS, `${open.sockets} sockets at once`);
  assert.ok(open.clients >= CONNECTIONS, `${open.clients} clients at once`);
  assert.deepEqual(
    {
      sockets: reaped.sockets,
      clients: reaped.clients,
      inFlight: reaped.inFlight,
    },
    { sockets: 0, clients: 0, inFlight: 0 },
  );
  // the silent ones still hold their end open: the runtime's ping closed them
  assert.ok(
    reaped.fds <= baseline.fds + 5,
    `${reaped.fds} descriptors once reaped, ${baseline.fds} before`,
  );
  assert.ok(
    reaped.heapUsed <= baseline.heapUsed + HEAP_SLACK,
    `heap ${mb(reaped.heapUsed)} MB after, ${mb(baseline.heapUsed)} MB before`,
  );
  assert.ok(
    reaped.rss <= rssBefore + RSS_SLACK,
    `resident ${mb(reaped.rss)} MB after, ${mb(rssBefore)} MB at most before`,
  );
  assert.equal(server.exit, null);
});

/**
 * `GET /metrics` through real sockets: who may scrape it, and each of our
 * metrics moving with what the test does (official `@trpc/client`, the
 * original protocol's socket, an SSE stream, raw frames for the limits).
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { createHttpHandler, METRICS, metricsTable } from "../src/server/mod.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import { metric, scrape, valueOf } from "./_metrics.ts";
import { LegacySocket } from "./_legacy.ts";
import { rawUpgrade } from "./_raw_http.ts";
import { floodUntilCut } from "./_slow_consumer.ts";

const M = Object.fromEntries(
  Object.entries(METRICS).map(([key, spec]) => [key, spec.name]),
) as { [K in keyof typeof METRICS]: string };

/** Polls `/metrics` until `name` (with `labels`) equals `want`; its last value. */
async function metricReaches(
  httpUrl: string,
  name: string,
  labels: Record<string, string>,
  want: (value: number) => boolean,
): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 200; i++) {
    last = await metric(httpUrl, name, labels);
    if (want(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`${name}${JSON.stringify(labels)} stayed at ${last}`);
}

Deno.test("GET /metrics serves the Prometheus text: prom-client's default process metrics and every metric of the table, prefixed loupgarou_", async () => {
  await using server = await startTestServer();
  const response = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^loupgarou_process_cpu_seconds_total \d/m);
  assert.match(text, /^loupgarou_process_resident_memory_bytes \d/m);
  for (const spec of Object.values(METRICS)) {
    assert.match(text, new RegExp(`^# TYPE ${spec.name} ${spec.type}$`, "m"));
  }
  assert.equal(valueOf(text, M.hubHistory), server.server.hub.historySize);
  assert.ok(metricsTable().includes("`loupgarou_calls_total`"));
});

Deno.test("GET /metrics with METRICS_TOKEN: 401 with a sentence without the token or with a wrong one, 200 with it as Bearer", async () => {
  await using server = await startTestServer({ metricsToken: "scrape-secret" });
  const none = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(none.status, 401);
  assert.match(await none.text(), /needs the METRICS_TOKEN.*Bearer/);
  assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
  const wrong = await fetch(`${server.httpUrl}/metrics`, {
    headers: { authorization: "Bearer scrape-secreT" },
  });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /the token sent is not it/);
  const text = await scrape(server.httpUrl, {
    authorization: "Bearer scrape-secret",
  });
  assert.match(text, /^# TYPE loupgarou_calls_total counter$/m);
});

Deno.test("GET /metrics without METRICS_TOKEN answers loopback addresses and refuses any other with a 403 that says how to open it", async () => {
  const scraped = () => Promise.resolve("loupgarou_x 1\n");
  await using server = await startTestServer();
  const handler = createHttpHandler({
    hub: server.server.hub,
    createContext: () => {
      throw new Error("not reached");
    },
    ws: {},
    metrics: { token: undefined, scrape: scraped, contentType: "text/plain" },
  });
  const from = async (hostname: string) => {
    const info = {
      remoteAddr: { transport: "tcp", hostname, port: 40000 },
      completed: Promise.resolve(),
    } as Deno.ServeHandlerInfo<Deno.NetAddr>;
    return await handler(new Request("http://example.test/metrics"), info);
  };
  for (
    const loopback of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]
  ) {
    const response = await from(loopback);
    assert.equal(response.status, 200, loopback);
    assert.equal(await response.text(), "loupgarou_x 1\n");
  }
  for (const remote of ["203.0.113.7", "::ffff:10.0.0.1", "2001:db8::1"]) {
    const response = await from(remote);
    assert.equal(response.status, 403, remote);
    assert.match(await response.text(), /set METRICS_TOKEN.*Bearer/);
  }
  // and the real server, over a real socket from 127.0.0.1
  const real = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(real.status, 200);
  await real.body?.cancel();
});

Deno.test("loupgarou_connections counts tRPC WebSockets by client type while open; opened and closed (by code) count each socket once", async () => {
  await using server = await startTestServer();
  const url = server.httpUrl;
  const ws = { protocol: "trpc_ws" };
  {
    await using ui = connectClient(server.wsUrl, { clientType: "ui" });
    await using agent = connectClient(server.wsUrl, { clientType: "agent" });
    await ui.trpc.system.ping.query();
    await agent.trpc.system.ping.query();
    const text = await scrape(url);
    assert.equal(valueOf(text, M.connections, { ...ws, client_type: "ui" }), 1);
    assert.equal(
      valueOf(text, M.connections, { ...ws, client_type: "agent" }),
      1,
    );
    assert.equal(valueOf(text, M.opened, ws), 2);
    assert.equal(valueOf(text, M.closed, ws), 0);
  }
  await metricReaches(url, M.connections, ws, (n) => n === 0);
  await metricReaches(url, M.closed, ws, (n) => n === 2);
  const text = await scrape(url);
  assert.equal(valueOf(text, M.opened, ws), 2);
  const codes = text.split("\n").filter((l) => l.startsWith(`${M.closed}{`));
  assert.ok(codes.every((line) => /code="\d{4}"/.test(line)), codes.join());
});

Deno.test("loupgarou_connections counts the original protocol's sockets (legacy_ws) and SSE streams (trpc_sse) by client type", async () => {
  await using server = await startTestServer();
  const url = server.httpUrl;
  {
    await using legacy = await LegacySocket.open(
      server.server.port,
      "watcher?client_type=observer",
    );
    await legacy.next(); // the welcome
    await metricReaches(
      url,
      M.connections,
      { protocol: "legacy_ws", client_type: "observer" },
      (n) => n === 1,
    );
    assert.equal(await metric(url, M.opened, { protocol: "legacy_ws" }), 1);
    assert.ok(await metric(url, M.sentBytes, { protocol: "legacy_ws" }) > 0);
  }
  await metricReaches(
    url,
    M.connections,
    { protocol: "legacy_ws" },
    (n) => n === 0,
  );
  await metricReaches(url, M.closed, { protocol: "legacy_ws" }, (n) => n === 1);
  const abort = new AbortController();
  const params = encodeURIComponent(JSON.stringify({ clientType: "ui" }));
  const sse = await fetch(
    `${url}/trpc/hub.events?connectionParams=${params}`,
    { headers: { accept: "text/event-stream" }, signal: abort.signal },
  );
  assert.equal(sse.headers.get("content-type"), "text/event-stream");
  await metricReaches(
    url,
    M.connections,
    { protocol: "trpc_sse", client_type: "ui" },
    (n) => n === 1,
  );
  abort.abort();
  await sse.body?.cancel().catch(() => {});
  await metricReaches(
    url,
    M.connections,
    { protocol: "trpc_sse" },
    (n) => n === 0,
  );
});

Deno.test("loupgarou_calls_total and loupgarou_call_duration_seconds count each call by procedure and code; an unknown path is `unknown`", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  for (let i = 0; i < 3; i++) await ui.trpc.system.ping.query();
  const missing = await ui.trpc.game.state.query({ gameId: "g-none" }).then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(missing instanceof TRPCClientError);
  const code = missing.data?.code as string;
  // a path the router lacks, sent as the client would
  const raw = new WebSocket(server.wsUrl);
  await within(
    new Promise((resolve) => (raw.onopen = resolve)),
    5000,
    "raw open",
  );
  const answered = new Promise((resolve) => (raw.onmessage = resolve));
  raw.send(
    JSON.stringify({
      id: 1,
      method: "query",
      params: { path: "no.such.path", input: { json: null } },
    }),
  );
  await within(answered, 5000, "the NOT_FOUND answer");
  const closed = new Promise((resolve) => (raw.onclose = resolve));
  raw.close();
  await closed;
  const text = await scrape(server.httpUrl);
  const ping = { procedure: "system.ping" };
  assert.equal(valueOf(text, M.calls, { ...ping, code: "OK" }), 3);
  assert.equal(valueOf(text, `${M.callSeconds}_count`, ping), 3);
  assert.ok(valueOf(text, `${M.callSeconds}_sum`, ping) > 0);
  const buckets = text.split("\n").filter((line) =>
    line.startsWith(`${M.callSeconds}_bucket{procedure="system.ping"`)
  ).map((line) => Number(line.split(" ").pop()));
  assert.equal(buckets.length, METRICS.callSeconds.buckets.length + 1); // and +Inf
  assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b)); // cumulative
  assert.equal(buckets.at(-1), 3);
  assert.equal(
    valueOf(text, `${M.callSeconds}_bucket`, { ...ping, le: "+Inf" }),
    3,
  );
  assert.equal(
    valueOf(text, M.calls, { procedure: "game.state", code }),
    1,
    `game.state refused with ${code}`,
  );
  assert.equal(
    valueOf(text, M.calls, { procedure: "unknown", code: "NOT_FOUND" }),
    1,
  );
  assert.doesNotMatch(text, /no\.such\.path/);
});

Deno.test("loupgarou_subscription_deliveries_total and loupgarou_sent_bytes_total grow with each value a subscription sends", async () => {
  await using server = await startTestServer({ hubPresenceMs: 0 });
  const url = server.httpUrl;
  await using ui = connectClient(server.wsUrl, {
    clientId: "ui-1",
    clientType: "ui",
  });
  const received: unknown[] = [];
  const sub = ui.trpc.hub.events.subscribe({}, {
    onData: (value) => received.push(value),
  });
  await waitFor(() => received.length >= 1, "the welcome");
  const before = await scrape(url);
  const deliveries = valueOf(before, M.deliveries, { protocol: "trpc_ws" });
  assert.equal(deliveries, received.length);
  const bytes = valueOf(before, M.sentBytes, { protocol: "trpc_ws" });
  {
    await using _other = connectClient(server.wsUrl, {
      clientId: "agent-1",
      clientType: "agent",
    });
    await _other.trpc.system.ping.query();
    await waitFor(() => received.length >= 2, "agent-1's presence");
  }
  await metricReaches(
    url,
    M.deliveries,
    { protocol: "trpc_ws" },
    (n) => n === received.length && n > deliveries,
  );
  assert.ok(await metric(url, M.sentBytes, { protocol: "trpc_ws" }) > bytes);
  sub.unsubscribe();
});

Deno.test("loupgarou_refused_total counts refusals by limit: frame_size, rate, subscriptions, per_address", async () => {
  await using server = await startTestServer({
    maxMessageBytes: 1024,
    rateLimitPerSecond: 1,
    rateBurst: 2,
    maxSubscriptions: 1,
    wsMaxConnectionsPerIp: 2,
  });
  const url = server.httpUrl;
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const sub = ui.trpc.hub.events.subscribe({}, { onData: () => {} });
  const second = new Promise((resolve) =>
    ui.trpc.hub.events.subscribe({}, { onError: resolve })
  );
  await within(second, 5000, "the second subscription's refusal");
  await ui.trpc.system.ping.query().catch(() => {}); // over the burst of 2
  const big = new WebSocket(`${server.wsUrl}?connectionParams=0`);
  await within(
    new Promise((resolve) => (big.onopen = resolve)),
    5000,
    "second socket open",
  );
  const bigClosed = new Promise((resolve) => (big.onclose = resolve));
  big.send("x".repeat(2048));
  await within(bigClosed, 5000, "the oversized frame's close");
  {
    await using ui2 = connectClient(server.wsUrl, { clientType: "ui" });
    await ui2.trpc.system.ping.query();
    // the address's third socket
    await using third = await rawUpgrade(server.server.port);
    assert.equal(third.status, 429);
  }
  const text = await scrape(url);
  for (const limit of ["frame_size", "rate", "subscriptions", "per_address"]) {
    assert.ok(valueOf(text, M.refused, { limit }) >= 1, limit);
  }
  sub.unsubscribe();
});

Deno.test("game metrics: commands by outcome, commits and their group size, games by status and phase, ended games, the event log and the hub history", async () => {
  await using server = await startTestServer();
  const url = server.httpUrl;
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const settings = {
    players: 5,
    actionTimeoutMs: 10_000,
    discussionRounds: 1,
    houseBotThinkMs: 0,
  };
  const waiting = await ui.trpc.lobby.createGame.mutate({
    ...settings,
    autoStart: false,
  });
  assert.equal(
    await metric(url, M.games, { status: "waiting", phase: "lobby" }),
    1,
  );
  const played = await ui.trpc.lobby.createGame.mutate({
    ...settings,
    seed: 7,
    houseBots: 5,
  });
  await metricReaches(url, M.gamesEnded, {}, (n) => n === 1);
  await using agent = connectClient(server.wsUrl, { clientType: "agent" });
  await agent.trpc.lobby.join.mutate({ gameId: waiting.gameId, name: "Ann" });
  const early = await agent.trpc.game.vote.mutate({
    gameId: waiting.gameId,
    target: "p1",
  }).then(() => null, (error: unknown) => error);
  assert.ok(early instanceof TRPCClientError, "no vote in the lobby");
  const transcript = await ui.trpc.game.transcript.query({
    gameId: played.gameId,
  });
  const text = await scrape(url);
  // five house bots and Ann took seats
  assert.equal(
    valueOf(text, M.commands, { command: "join", outcome: "applied" }),
    6,
  );
  assert.equal(
    valueOf(text, M.commands, {
      command: "vote",
      outcome: early.data?.code as string,
    }),
    1,
    `the early vote is counted under its code ${early.data?.code}`,
  );
  const commits = valueOf(text, `${M.commitGroup}_count`);
  assert.ok(commits >= 1);
  assert.equal(valueOf(text, `${M.commitSeconds}_count`), commits);
  assert.ok(valueOf(text, `${M.commitGroup}_sum`) >= commits);
  assert.equal(valueOf(text, M.games, { status: "running" }), 0);
  assert.equal(valueOf(text, M.games, { status: "waiting" }), 1);
  const lobby = await ui.trpc.game.transcript.query({
    gameId: waiting.gameId,
  });
  assert.equal(
    valueOf(text, M.eventLog),
    transcript.events.length + lobby.events.length,
  );
  assert.equal(valueOf(text, M.hubHistory), server.server.hub.historySize);
  assert.ok(valueOf(text, M.hubHistory) > 0);
});

Deno.test("loupgarou_defaults_total counts the defaults the server applies at a deadline, by cause", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const created = await ui.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 20,
    discussionRounds: 1,
    houseBotThinkMs: 0,
    seed: 3,
    houseBots: 4,
  });
  await using agent = connectClient(server.wsUrl, { clientType: "agent" });
  await agent.trpc.lobby.join.mutate({
    gameId: created.gameId,
    name: "Asleep",
  });
  await metricReaches(
    server.httpUrl,
    M.defaults,
    { cause: "deadline" },
    (n) => n >= 1,
  );
  const text = await scrape(server.httpUrl);
  assert.equal(
    valueOf(text, M.defaults),
    valueOf(text, M.defaults, {
      cause: "deadline",
    }),
  );
});

Deno.test("loupgarou_slow_consumer_cutoffs_total counts a client the server cuts off with 4003, not a client's own 4003", async () => {
  await using server = await startTestServer({
    maxBufferedBytes: 256 * 1024,
    slowConsumerMs: 300,
  });
  const url = server.httpUrl;
  const { hub, sockets } = server.server;
  {
    // a client may close with 4003 itself: that is no cut-off
    await using own = await LegacySocket.open(
      server.server.port,
      "own?client_type=observer",
    );
    await own.next(); // the welcome
    own.ws.close(4003, "my own reasons");
    await own.closed;
    await metricReaches(url, M.closed, { code: "4003" }, (n) => n === 1);
    assert.equal(await metric(url, M.slowConsumers), 0);
  }
  // a client that stops reading (tests/_slow_consumer.ts)
  await using slow = await rawUpgrade(server.server.port, {
    path: "/ws/slow?client_type=ui",
  });
  assert.equal(slow.status, 101);
  await waitFor(() => sockets.size === 1, "the legacy socket to open");
  await floodUntilCut(hub, "slow");
  await waitFor(() => sockets.size === 0, "the slow client cut off", 20_000);
  assert.equal(
    await metric(url, M.slowConsumers, { protocol: "legacy_ws" }),
    1,
  );
  assert.equal(await metric(url, M.closed, { code: "4003" }), 2);
});

Deno.test("two servers in one process keep their own metrics", async () => {
  await using a = await startTestServer();
  await using b = await startTestServer();
  await using client = connectClient(a.wsUrl, { clientType: "ui" });
  await client.trpc.system.ping.query();
  assert.equal(
    await metric(a.httpUrl, M.calls, { procedure: "system.ping" }),
    1,
  );
  assert.equal(
    await metric(b.httpUrl, M.calls, { procedure: "system.ping" }),
    0,
  );
});

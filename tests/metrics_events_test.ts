/**
 * `GET /metrics` through real sockets: the delivery, refusal, game,
 * default and slow-consumer metrics moving with what the test does
 * (official `@trpc/client`, the original protocol's socket, raw frames for
 * the limits), and two servers' registries kept apart.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import { CLOSE_SLOW_CONSUMER } from "../src/hub/mod.ts";
import { M, metric, metricReaches, scrape, valueOf } from "./_metrics.ts";
import { LegacySocket } from "./_legacy.ts";
import { rawUpgrade } from "./_raw_http.ts";
import { closeCodeAfterCut, floodUntilCut } from "./_slow_consumer.ts";

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
  assert.equal(await closeCodeAfterCut(slow), CLOSE_SLOW_CONSUMER);
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

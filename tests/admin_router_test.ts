/**
 * The operator's procedures through real sockets (official `@trpc/client`,
 * raw WebSockets, the original protocol): `admin.overview` counts what the
 * test did and agrees with `GET /metrics`; `admin.closeClient` closes the
 * right sockets with 4006 and the cleaned reason; only admins may call
 * them once `ADMIN_TOKEN` is set.
 * @module
 */
import assert from "node:assert/strict";
import { CLOSE_OPERATOR } from "../src/hub/mod.ts";
import { METRICS } from "../src/server/mod.ts";
import { RATE_BUCKETS } from "../src/mod.ts";
import {
  connectClient,
  opened,
  startTestServer,
  type TestClient,
  waitFor,
  within,
} from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";
import { scrape, valueOf } from "./_metrics.ts";
import { codeOf, connections } from "./_admin.ts";

const ADMIN = "operator-admin";
const BOTS = 3;
const PINGS = 4;

Deno.test("admin.overview counts the bots connected, the calls made and the error provoked, lists each client with its game, seat, subscriptions and last call, and agrees with GET /metrics", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientId: "the-operator",
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    autoStart: false,
  });
  const bots: TestClient[] = [];
  try {
    for (let i = 1; i <= BOTS; i++) {
      const bot = connectClient(server.wsUrl, {
        clientId: `bot-${i}`,
        clientType: "agent",
      });
      bots.push(bot);
      for (let p = 0; p < PINGS; p++) await bot.trpc.system.ping.query();
    }
    const [first, second] = bots as [TestClient, TestClient];
    const seat = await first.trpc.lobby.join.mutate({ gameId, name: "Ann" });
    assert.equal(
      await codeOf(second.trpc.game.state.query({ gameId: "g-none" })),
      "NOT_FOUND",
    );
    const watched = second.trpc.game.events.subscribe({ gameId }, {
      onData: () => {},
    });
    await using legacy = await LegacySocket.open(
      server.server.port,
      "old-watcher?client_type=observer",
    );
    await legacy.next(); // the welcome
    await legacy.request({ message_type: "list_games" });

    // calls: createGame, BOTS * PINGS pings, join, the error, the subscription, list_games
    const calls = 1 + BOTS * PINGS + 1 + 1 + 1 + 1;
    let overview = await admin.trpc.admin.overview.query();
    for (let i = 0; i < 200 && overview.calls.total < calls; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      overview = await admin.trpc.admin.overview.query();
    }
    // each overview before this one is a call too
    const asked = overview.calls.total - calls;
    assert.ok(asked >= 0 && asked < 201, `${overview.calls.total}`);
    assert.equal(overview.calls.byCode["NOT_FOUND"], 1);
    assert.equal(overview.calls.byCode["OK"], calls - 1 + asked);
    const buckets = overview.calls.buckets;
    assert.ok(buckets.length >= 1 && buckets.length <= RATE_BUCKETS);
    assert.equal(buckets.reduce((sum, b) => sum + b.calls, 0), calls + asked);
    assert.equal(
      buckets.reduce((sum, b) => sum + (b.errors["NOT_FOUND"] ?? 0), 0),
      1,
    );
    assert.equal(connections(overview, "trpc_ws", "agent"), BOTS);
    assert.equal(connections(overview, "trpc_ws", "ui"), 1);
    assert.equal(connections(overview, "legacy_ws", "observer"), 1);
    assert.equal(overview.games["waiting"], 1);
    assert.equal(overview.slowConsumers.total, 0);
    assert.equal(overview.clients.total, BOTS + 2);
    const byId = new Map(overview.clients.list.map((c) => [c.clientId, c]));
    const ann = byId.get("bot-1");
    assert.deepEqual(ann?.games, [{ gameId, seat: seat.playerId }]);
    assert.equal(ann?.lastCall?.procedure, "lobby.join");
    assert.equal(ann?.address, "127.0.0.1");
    assert.equal(ann?.protocol, "trpc_ws");
    const watcher = byId.get("bot-2");
    assert.deepEqual(watcher?.subscriptions, ["game.events"]);
    assert.deepEqual(watcher?.games, [{ gameId, seat: null }]);
    assert.equal(watcher?.lastCall?.procedure, "game.events");
    assert.equal(byId.get("bot-3")?.lastCall?.procedure, "system.ping");
    const old = byId.get("old-watcher");
    assert.equal(old?.protocol, "legacy_ws");
    assert.equal(old?.lastCall?.procedure, "lobby.listGames");
    assert.deepEqual(old?.subscriptions, ["hub.events"]);
    assert.ok(overview.clients.list.every((c) => c.connectedAt <= overview.at));

    // the same counters as /metrics
    const text = await scrape(server.httpUrl);
    const name = METRICS.connections.name;
    assert.equal(valueOf(text, name, { protocol: "trpc_ws" }), BOTS + 1);
    assert.equal(valueOf(text, name, { protocol: "legacy_ws" }), 1);
    assert.equal(
      valueOf(text, METRICS.calls.name, { code: "NOT_FOUND" }),
      overview.calls.byCode["NOT_FOUND"],
    );
    watched.unsubscribe();
  } finally {
    for (const bot of bots) await bot[Symbol.asyncDispose]();
  }
});

Deno.test("admin.closeClient closes that client's tRPC and original-protocol sockets with 4006 and the cleaned reason, answers how many, leaves the others open; NOT_FOUND for an unknown client", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const url = `${server.wsUrl}?client_id=victim&client_type=agent`;
  const victim = new WebSocket(url);
  const victimClosed = new Promise<CloseEvent>((resolve) =>
    victim.onclose = resolve
  );
  await opened(victim, url);
  const bystanderUrl = `${server.wsUrl}?client_id=bystander&client_type=agent`;
  const bystander = new WebSocket(bystanderUrl);
  await opened(bystander, bystanderUrl);
  await using legacy = await LegacySocket.open(
    server.server.port,
    "old-bot?client_type=agent",
  );
  await legacy.next();
  await waitFor(
    () => server.server.hub.get("victim") !== undefined,
    "the victim registered",
  );

  const result = await admin.trpc.admin.closeClient.mutate({
    clientId: "victim",
    reason: "  flooding\nthe lobby \u0007 ",
  });
  assert.deepEqual(result, { closed: 1, reason: "flooding the lobby" });
  const closed = await within(victimClosed, 5000, "the victim's close");
  assert.equal(closed.code, CLOSE_OPERATOR);
  assert.equal(closed.reason, "flooding the lobby");
  assert.equal(bystander.readyState, WebSocket.OPEN);

  const old = await admin.trpc.admin.closeClient.mutate({
    clientId: "old-bot",
    reason: "",
  });
  assert.equal(old.closed, 1);
  const legacyClosed = await within(legacy.closed, 5000, "the legacy close");
  assert.equal(legacyClosed.code, CLOSE_OPERATOR);
  assert.equal(legacyClosed.reason, "closed by an operator");

  assert.equal(
    await codeOf(admin.trpc.admin.closeClient.mutate({
      clientId: "nobody",
      reason: "x",
    })),
    "NOT_FOUND",
  );
  const left = await admin.trpc.admin.overview.query();
  assert.equal(left.clients.total, 2); // the admin and the bystander
  assert.deepEqual(
    left.clients.list.filter((c) => c.clientType === "agent").map((c) =>
      c.clientId
    ),
    ["bystander"],
  );
  const bystanderClosed = new Promise((resolve) => bystander.onclose = resolve);
  bystander.close();
  await bystanderClosed;
});

Deno.test("admin.overview and admin.closeClient: FORBIDDEN without the admin token once ADMIN_TOKEN is set (a spectator too); open to anyone in development mode", async () => {
  {
    await using server = await startTestServer({
      adminToken: ADMIN,
      spectatorToken: "operator-spectator",
    });
    await using anyone = connectClient(server.wsUrl, { clientType: "ui" });
    await using spectator = connectClient(server.wsUrl, {
      clientType: "ui",
      token: "operator-spectator",
    });
    for (const client of [anyone, spectator]) {
      assert.equal(
        await codeOf(client.trpc.admin.overview.query()),
        "FORBIDDEN",
      );
      assert.equal(
        await codeOf(client.trpc.admin.closeClient.mutate({
          clientId: "someone",
          reason: "x",
        })),
        "FORBIDDEN",
      );
    }
  }
  await using open = await startTestServer();
  await using dev = connectClient(open.wsUrl, { clientType: "ui" });
  const overview = await dev.trpc.admin.overview.query();
  assert.equal(overview.clients.total, 1);
});

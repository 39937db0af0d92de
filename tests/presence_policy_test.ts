import assert from "node:assert/strict";
import type { HubMessage } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  RawSocket,
  startTestServer,
  type TestClient,
  waitFor,
} from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";

// The presence policy through real sockets: who gets presence (tRPC and the
// original protocol), how a window's changes arrive, and what a client
// opening and closing many connections costs the others.

type HubEvent = { id: string; data: HubMessage };

/** Subscribes to `hub.events` with `input`; `using` unsubscribes. */
function listen(
  client: TestClient,
  input?: { presence?: boolean; observers?: boolean },
): Collector<HubEvent> & Disposable {
  const events = new Collector<HubEvent>();
  const sub = client.trpc.hub.events.subscribe(input, {
    onData: events.push,
  });
  return Object.assign(events, {
    [Symbol.dispose]: () => sub.unsubscribe(),
  });
}

/** The ids the presence messages in `events` are about, by kind. */
function presenceIn(events: readonly HubEvent[]): string[] {
  return events.flatMap(({ data }) =>
    data.message_type === "presence_diff"
      ? [...data.data.joins, ...data.data.leaves]
      : data.message_type === "connection" ||
          data.message_type === "disconnection"
      ? [data]
      : []
  ).map((m) => `${m.message_type}:${m.client_id}`);
}

/** Publishes a fence as admin (dev mode) and waits until each got it. */
async function fence(
  admin: TestClient,
  all: Collector<HubEvent>[],
  text: string,
): Promise<void> {
  await admin.trpc.hub.publish.mutate({
    message: {
      message_type: "phase_update",
      old_phase: null,
      new_phase: text,
    },
  });
  for (const events of all) {
    await waitFor(
      () =>
        events.items.some((e) =>
          e.data.message_type === "phase_update" && e.data.new_phase === text
        ),
      `the fence ${text}`,
    );
  }
}

Deno.test("hub.events presence: ui by default, agents when they ask, nobody who declines", async () => {
  await using server = await startTestServer({ hubPresenceMs: 0 });
  const clients = {
    ui: connectClient(server.wsUrl, { clientId: "ui", clientType: "ui" }),
    quiet: connectClient(server.wsUrl, { clientId: "quiet", clientType: "ui" }),
    agent: connectClient(server.wsUrl, { clientId: "ag", clientType: "agent" }),
    asks: connectClient(server.wsUrl, {
      clientId: "asks",
      clientType: "agent",
    }),
  };
  using ui = listen(clients.ui);
  using quiet = listen(clients.quiet, { presence: false });
  using agent = listen(clients.agent);
  using asks = listen(clients.asks, { presence: true });
  const all = [ui, quiet, agent, asks];
  await Promise.all(all.map((events) => events.until(1)));
  await fence(clients.ui, all, "ready");
  const before = all.map((events) => events.items.length);
  const comer = connectClient(server.wsUrl, {
    clientId: "comer",
    clientType: "agent",
  });
  await comer.trpc.system.ping.query();
  await comer.ws.close();
  await waitFor(() => server.server.hub.get("comer") === undefined, "gone");
  await fence(clients.ui, all, "done");
  const got = all.map((events, i) => presenceIn(events.items.slice(before[i])));
  assert.deepEqual(got, [
    ["connection:comer", "disconnection:comer"],
    [],
    [],
    ["connection:comer", "disconnection:comer"],
  ]);
  await Promise.all(Object.values(clients).map((c) => c.ws.close()));
});

Deno.test("hub.events presence: 500 connections opened and closed cost a subscriber a bounded number of messages", async () => {
  await using server = await startTestServer({
    hubPresenceMs: 60_000, // one window for the whole test
    wsMaxConnectionsPerIp: 0,
  });
  await using watcher = connectClient(server.wsUrl, {
    clientId: "watcher",
    clientType: "observer",
  });
  await using gm = connectClient(server.wsUrl, { clientId: "gm" }); // fences
  await gm.trpc.system.ping.query();
  using events = listen(watcher);
  await events.until(1);
  const before = events.items.length;
  for (let start = 0; start < 500; start += 50) {
    const sockets = await Promise.all(
      Array.from(
        { length: 50 },
        () => RawSocket.open(`${server.wsUrl}?client_type=ui`),
      ),
    );
    await waitFor(
      () => server.server.hub.size >= 52,
      "the batch to be registered",
    );
    await Promise.all(sockets.map((s) => s[Symbol.asyncDispose]()));
    await waitFor(() => server.server.hub.size === 2, "the batch to leave");
  }
  await fence(gm, [events], "after");
  const presence = events.items.slice(before).filter((e) =>
    e.data.message_type !== "phase_update"
  );
  // at most the first change, at once; the rest waits for the window's
  // end and, all gone by then, nets to nothing
  assert.ok(presence.length <= 1, JSON.stringify(presence.map((e) => e.data)));
  assert.equal(server.server.hub.size, 2);
});

Deno.test("hub.events presence: observers are not announced unless the subscriber asks (observers: true); the original protocol announces them", async () => {
  await using server = await startTestServer({ hubPresenceMs: 0 });
  const { port } = server.server;
  const clients = {
    plain: connectClient(server.wsUrl, { clientId: "plain", clientType: "ui" }),
    every: connectClient(server.wsUrl, { clientId: "every", clientType: "ui" }),
  };
  using plain = listen(clients.plain);
  using every = listen(clients.every, { observers: true });
  await using old = await LegacySocket.open(port, "old_ui?client_type=ui");
  await old.next();
  const all = [plain, every];
  await Promise.all(all.map((events) => events.until(1)));
  await fence(clients.plain, all, "ready");
  const before = all.map((events) => events.items.length);
  for (
    const [clientId, clientType] of [["watcher", "observer"], [
      "comer",
      "agent",
    ]] as const
  ) {
    const client = connectClient(server.wsUrl, { clientId, clientType });
    await client.trpc.system.ping.query();
    await client.ws.close();
    await waitFor(() => server.server.hub.get(clientId) === undefined, "gone");
  }
  await fence(clients.plain, all, "done");
  const got = all.map((events, i) => presenceIn(events.items.slice(before[i])));
  assert.deepEqual(got, [
    ["connection:comer", "disconnection:comer"],
    [
      "connection:watcher",
      "disconnection:watcher",
      "connection:comer",
      "disconnection:comer",
    ],
  ]);
  await old.until((m) =>
    m.message_type === "phase_update" && m["new_phase"] === "done"
  );
  assert.deepEqual(
    old.received.filter((m) =>
      (m.message_type === "connection" || m.message_type === "disconnection") &&
      ["watcher", "comer"].includes(String(m.client_id))
    ).map((m) => `${m.message_type}:${m.client_id}`),
    [
      "connection:watcher",
      "disconnection:watcher",
      "connection:comer",
      "disconnection:comer",
    ],
  );
  await Promise.all(Object.values(clients).map((c) => c.ws.close()));
});

Deno.test("hub.events presence: changes within one window arrive as one presence_diff; the original protocol gets each as its own message", async () => {
  await using server = await startTestServer({ hubPresenceMs: 3000 });
  const { port } = server.server;
  await using typed = connectClient(server.wsUrl, {
    clientId: "typed",
    clientType: "ui",
  });
  using events = listen(typed);
  await events.until(1);
  await using legacy = await LegacySocket.open(port, "old_ui?client_type=ui");
  await legacy.next();
  await using b1 = await LegacySocket.open(port, "b1?client_type=agent");
  await using b2 = await LegacySocket.open(port, "b2?client_type=agent");
  await b1.next();
  await b2.next();
  await waitFor(
    () =>
      ["b1", "b2"].every((id) =>
        presenceIn(events.items.slice(1)).includes(`connection:${id}`)
      ),
    "the typed ui to hear of b1 and b2",
    10_000,
  );
  // typed's own connect opened the window: the three that followed within
  // it come in one diff, each as its original connection message
  const diffs = events.items.map((e) => e.data).filter((m) =>
    m.message_type === "presence_diff"
  );
  assert.equal(diffs.length, 1);
  const [diff] = diffs;
  assert.ok(diff?.message_type === "presence_diff");
  assert.deepEqual(
    diff.data.joins.map((m) => [m.message_type, m.client_id]),
    [["connection", "old_ui"], ["connection", "b1"], ["connection", "b2"]],
  );
  assert.deepEqual(diff.data.leaves, []);
  const joined = await legacy.until((m) =>
    m.message_type === "connection" && m.client_id === "b2"
  );
  assert.equal(joined.data["client_type"], "agent");
  assert.ok(
    legacy.received.some((m) =>
      m.message_type === "connection" && m.client_id === "b1"
    ),
  );
  assert.ok(
    legacy.received.every((m) => m.message_type !== "presence_diff"),
    "the original protocol has no presence_diff",
  );
});

Deno.test("/ws presence: agents only with presence=1, ui not with presence=0, anything else is an error", async () => {
  await using server = await startTestServer({ hubPresenceMs: 0 });
  const { port } = server.server;
  await using agent = await LegacySocket.open(port, "ag?client_type=agent");
  await using asks = await LegacySocket.open(
    port,
    "asks?client_type=agent&presence=1",
  );
  await using declines = await LegacySocket.open(
    port,
    "no_ui?client_type=ui&presence=0",
  );
  await using odd = await LegacySocket.open(port, "odd?presence=maybe");
  for (const socket of [agent, asks, declines]) await socket.next();
  assert.equal((await odd.next()).message_type, "connection");
  const refused = await odd.next();
  assert.equal(refused.message_type, "error");
  assert.equal(refused["code"], "BAD_REQUEST");
  assert.match(String(refused["error"]), /presence=1/);
  const comer = await LegacySocket.open(port, "comer?client_type=agent");
  await comer.next();
  await comer[Symbol.asyncDispose]();
  const left = await asks.until((m) =>
    m.message_type === "disconnection" && m.client_id === "comer"
  );
  assert.equal(left.data["client_type"], "agent");
  for (const socket of [agent, declines]) {
    socket.send({ message_type: "ping" });
    await socket.nextOf("pong");
    assert.ok(
      socket.received.every((m) => m.client_id !== "comer"),
      JSON.stringify(socket.received),
    );
  }
});

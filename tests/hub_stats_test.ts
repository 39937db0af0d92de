/**
 * `Hub.stats()` and `Hub.health()` counted by client type on the injected
 * clock, and the reserved `SERVER_CLIENT_ID` on the hub's own notices.
 * @module
 */
import assert from "node:assert/strict";
import {
  HealthSchema,
  SERVER_CLIENT_ID,
  StatsSchema,
} from "../src/contract/mod.ts";
import { FakeHandle, join, makeHub, pullItem, T0 } from "./_hub.ts";

Deno.test("Hub.stats() and Hub.health() count by type with the injected clock", () => {
  const { hub, clock } = makeHub();
  assert.deepEqual(hub.stats(), {
    total_clients: 0,
    by_type: { agent: 0, ui: 0, observer: 0 },
    clients: [],
  });
  assert.deepEqual(hub.health(), {
    status: "ok",
    uptime_s: 0,
    total_clients: 0,
    by_type: { agent: 0, ui: 0, observer: 0 },
  });
  clock.now = T0 + 1500;
  const a1 = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  );
  clock.now = T0 + 2000;
  hub.connect({ client_id: "a2", client_type: "agent" }, new FakeHandle());
  hub.connect({ client_id: "u1", client_type: "ui" }, new FakeHandle());
  clock.now = T0 + 3250;
  hub.connect({ client_id: "o1", client_type: "observer" }, new FakeHandle());
  const stats = hub.stats();
  assert.deepEqual(stats, {
    total_clients: 4,
    by_type: { agent: 2, ui: 1, observer: 1 },
    clients: [
      { client_id: "a1", type: "agent", connected_at: (T0 + 1500) / 1000 },
      { client_id: "a2", type: "agent", connected_at: (T0 + 2000) / 1000 },
      { client_id: "u1", type: "ui", connected_at: (T0 + 2000) / 1000 },
      { client_id: "o1", type: "observer", connected_at: (T0 + 3250) / 1000 },
    ],
  });
  assert.ok(StatsSchema.safeParse(stats).success);
  clock.now = T0 + 60_500;
  const health = hub.health();
  assert.deepEqual(health, {
    status: "ok",
    uptime_s: 60.5,
    total_clients: 4,
    by_type: { agent: 2, ui: 1, observer: 1 },
  });
  assert.ok(HealthSchema.safeParse(health).success);
  assert.equal(hub.timestamp(), (T0 + 60_500) / 1000);
  hub.disconnect(a1, "bye");
  assert.deepEqual(hub.stats().by_type, { agent: 1, ui: 1, observer: 1 });
  assert.deepEqual(hub.stats().clients.map((c) => c.client_id), [
    "a2",
    "u1",
    "o1",
  ]);
  assert.equal(hub.health().total_clients, 3);
  // A snapshot is a copy.
  const snapshot = hub.stats();
  snapshot.by_type.agent = 99;
  assert.equal(hub.stats().by_type.agent, 1);
  // A clock going backwards never gives a negative uptime.
  clock.now = T0 - 10_000;
  assert.equal(hub.health().uptime_s, 0);
});

Deno.test("Hub signs its own notices with SERVER_CLIENT_ID, the reserved server id", async () => {
  const { hub } = makeHub();
  assert.equal(hub.serverClientId, SERVER_CLIENT_ID);
  assert.equal(SERVER_CLIENT_ID, "server");
  const sub = await join(hub, "a1", "agent", { lastEventId: "zz-1" });
  const notice = await pullItem(sub.gen);
  assert.equal(notice.message.client_id, SERVER_CLIENT_ID);
  await sub.gen.return();
});

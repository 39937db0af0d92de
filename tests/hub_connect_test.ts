/**
 * `Hub.connect()` and `Hub.disconnect()`: presence notices to the others,
 * generated ids, replacing a connected client_id, and reconnections.
 * @module
 */
import assert from "node:assert/strict";
import { type ClientType, HubMessageSchema } from "../src/contract/mod.ts";
import { CLOSE_REPLACED } from "../src/hub/mod.ts";
import {
  END,
  FakeHandle,
  fourClients,
  join,
  label,
  makeHub,
  pull,
  pullItem,
  readUntilEnd,
  say,
  T0,
} from "./_hub.ts";

Deno.test("Hub.connect() announces the newcomer to the others only", async () => {
  const { hub, clock } = makeHub();
  const a1 = await join(hub, "a1", "agent", { presence: true });
  const u1 = await join(hub, "u1", "ui");
  // a1 was told about u1.
  const seen = await pullItem(a1.gen);
  assert.equal(seen.id, "t1-2");
  clock.now = T0 + 2500;
  const o1 = await join(hub, "o1", "observer");
  for (const s of [a1, u1]) {
    const { id, message } = await pullItem(s.gen);
    assert.equal(id, "t1-3");
    assert.deepEqual(message, {
      message_type: "connection",
      client_id: "o1",
      timestamp: (T0 + 2500) / 1000,
      data: {
        client_type: "observer",
        connected_at: (T0 + 2500) / 1000,
        reconnected: false,
      },
    });
    assert.ok(HubMessageSchema.safeParse(message).success);
  }
  // The newcomer's welcome is its own connection message, and its own
  // presence event is before its cursor, so it does not get it again.
  assert.equal(o1.welcome.id, "t1-3");
  assert.equal(o1.welcome.message.client_id, "o1");
  hub.route(say(END));
  assert.deepEqual(await readUntilEnd(o1.gen), []);
  assert.deepEqual(await readUntilEnd(a1.gen), []);
  assert.deepEqual(await readUntilEnd(u1.gen), []);
  for (const s of [a1, u1, o1]) await s.gen.return();
});

Deno.test("Hub.connect() generates an id prefixed by the type when none is given", () => {
  const { hub } = makeHub();
  const types: ClientType[] = ["agent", "ui", "observer"];
  const ids = new Set<string>();
  for (const client_type of types) {
    const conn = hub.connect({ client_type }, new FakeHandle());
    assert.ok(
      conn.identity.client_id.startsWith(`${client_type}-`),
      conn.identity.client_id,
    );
    assert.equal(conn.reconnected, false);
    assert.equal(hub.get(conn.identity.client_id), conn);
    ids.add(conn.identity.client_id);
  }
  const again = hub.connect(
    { client_id: undefined, client_type: "agent" },
    new FakeHandle(),
  );
  assert.ok(again.identity.client_id.startsWith("agent-"));
  ids.add(again.identity.client_id);
  assert.equal(ids.size, 4);
  assert.equal(hub.size, 4);
});

Deno.test("Hub.disconnect() tells the others with a disconnection message and ends the stream", async () => {
  await using f = await fourClients();
  f.clock.now = T0 + 1000;
  const u1 = f.sub("u1");
  assert.equal(f.hub.disconnect(u1.conn, "bye now"), true);
  // The disconnected client's stream ends.
  assert.equal((await pull(u1.gen)).done, true);
  f.subs.delete("u1");
  for (const id of ["a1", "a2", "o1"]) {
    const { id: eventId, message } = await pullItem(f.sub(id).gen);
    assert.equal(eventId, "t1-5");
    assert.deepEqual(message, {
      message_type: "disconnection",
      client_id: "u1",
      timestamp: (T0 + 1000) / 1000,
      data: { client_type: "ui", reason: "bye now" },
    });
    assert.ok(HubMessageSchema.safeParse(message).success);
  }
  assert.deepEqual(await f.received(), { a1: [], a2: [], o1: [] });
  assert.equal(f.hub.get("u1"), undefined);
  assert.equal(f.hub.size, 3);
  // A second disconnect of the same connection changes nothing.
  assert.equal(f.hub.disconnect(u1.conn, "again"), false);
  assert.deepEqual(await f.received(), { a1: [], a2: [], o1: [] });
  assert.equal(u1.handle.closes.length, 0);
});

Deno.test("Hub.connect() with a connected client_id replaces the old connection", async () => {
  const { hub, clock } = makeHub();
  const u1 = await join(hub, "u1", "ui");
  const first = await join(hub, "a1", "agent");
  assert.equal(first.conn.reconnected, false);
  assert.equal(label((await pullItem(u1.gen)).message), "connection:a1");
  hub.route(say("before"));
  clock.now = T0 + 5000;
  const handle2 = new FakeHandle();
  const second = hub.connect(
    { client_id: "a1", client_type: "agent" },
    handle2,
  );
  assert.equal(second.reconnected, true);
  assert.equal(first.handle.closes.length, 1);
  assert.equal(first.handle.closes[0]?.code, CLOSE_REPLACED);
  assert.equal(first.handle.closes[0]?.code, 4001);
  assert.match(first.handle.closes[0]?.reason ?? "", /replaced/);
  assert.equal(handle2.closes.length, 0);
  // The old stream drains what it had, then ends.
  assert.equal(label((await pullItem(first.gen)).message), "before");
  assert.equal((await pull(first.gen)).done, true);
  // The others hear of a reconnection, not of a disconnection.
  assert.equal(label((await pullItem(u1.gen)).message), "before");
  const presence = await pullItem(u1.gen);
  assert.equal(presence.message.message_type, "connection");
  assert.deepEqual(presence.message.data, {
    client_type: "agent",
    connected_at: (T0 + 5000) / 1000,
    reconnected: true,
  });
  // Counted once.
  const stats = hub.stats();
  assert.equal(stats.total_clients, 2);
  assert.deepEqual(stats.by_type, { agent: 1, ui: 1, observer: 0 });
  assert.equal(stats.clients.filter((c) => c.client_id === "a1").length, 1);
  assert.equal(hub.get("a1"), second);
  // The old connection's late disconnect changes nothing.
  assert.equal(hub.disconnect(first.conn, "old socket closed"), false);
  assert.equal(hub.get("a1"), second);
  assert.deepEqual(hub.stats(), stats);
  hub.route(say(END));
  assert.deepEqual(await readUntilEnd(u1.gen), []);
  // Subscribing the replaced connection gives the welcome, then ends.
  const stale = hub.subscribe(first.conn);
  assert.equal((await pullItem(stale)).message.message_type, "connection");
  assert.equal((await pull(stale)).done, true);
  await u1.gen.return();
});

Deno.test("Hub.connect() replacing with another type moves the count", () => {
  const { hub } = makeHub();
  hub.connect({ client_id: "x", client_type: "agent" }, new FakeHandle());
  hub.connect({ client_id: "x", client_type: "ui" }, new FakeHandle());
  assert.deepEqual(hub.stats().by_type, { agent: 0, ui: 1, observer: 0 });
  assert.equal(hub.health().total_clients, 1);
});

Deno.test("Hub.connect() after a disconnect of the same id is a reconnection", () => {
  const { hub } = makeHub();
  const first = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  );
  assert.equal(first.reconnected, false);
  assert.equal(hub.disconnect(first, "gone"), true);
  assert.equal(hub.size, 0);
  const again = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  );
  assert.equal(again.reconnected, true);
  const other = hub.connect(
    { client_id: "a2", client_type: "agent" },
    new FakeHandle(),
  );
  assert.equal(other.reconnected, false);
  assert.deepEqual(hub.stats().by_type, { agent: 2, ui: 0, observer: 0 });
});

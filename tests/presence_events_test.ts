/**
 * Presence over `hub.events` on real sockets: the caller's own welcome, other
 * clients connecting and disconnecting, and a second connection with the same
 * clientId replacing the first (4001).
 * @module
 */
import assert from "node:assert/strict";
import {
  connectClient,
  RawSocket,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";
import { joinsOf, listen, presenceOf, stats } from "./_presence.ts";

Deno.test("hub.events starts with the caller's own connection welcome", async () => {
  await using server = await startTestServer();
  await using client = connectClient(server.wsUrl, {
    clientId: "alice",
    clientType: "agent",
  });
  using events = listen(client);
  const [welcome] = await events.until(1);
  assert.ok(welcome?.data.message_type === "connection");
  assert.equal(typeof welcome.id, "string");
  assert.equal(welcome.data.client_id, "alice");
  assert.equal(welcome.data.data.client_type, "agent");
  assert.equal(welcome.data.data.reconnected, false);
  assert.ok(Math.abs(welcome.data.data.connected_at - Date.now() / 1000) < 10);
  assert.ok(Math.abs(welcome.data.timestamp - Date.now() / 1000) < 10);
});

Deno.test("hub.events tells a subscriber when another client connects and disconnects", async () => {
  await using server = await startTestServer();
  await using a = connectClient(server.wsUrl, {
    clientId: "A",
    clientType: "ui",
  });
  using aEvents = listen(a);
  await aEvents.until(1);

  const b = connectClient(server.wsUrl, { clientId: "B", clientType: "agent" });
  try {
    using bEvents = listen(b);
    const [bWelcome] = await bEvents.until(1);
    assert.ok(bWelcome?.data.message_type === "connection");
    assert.equal(bWelcome.data.client_id, "B");

    const [, joined] = await aEvents.until(2);
    assert.ok(joined?.data.message_type === "connection");
    assert.equal(joined.data.client_id, "B");
    assert.equal(joined.data.data.client_type, "agent");
    assert.equal(joined.data.data.reconnected, false);

    // B's only message about B is its own welcome, first.
    assert.deepEqual(presenceOf(bEvents.items, "connection", "B"), [bWelcome]);
  } finally {
    await b.ws.close();
  }
  const [, , left] = await aEvents.until(3);
  assert.ok(left?.data.message_type === "disconnection");
  assert.equal(left.data.client_id, "B");
  assert.equal(left.data.data.client_type, "agent");
  assert.equal(typeof left.data.data.reason, "string");
  assert.match(left.data.data.reason, /code \d+/);
  assert.equal(aEvents.items.length, 3);
});

Deno.test("hub.events: a second connection with the same clientId replaces the first (4001)", async () => {
  await using server = await startTestServer();
  await using watcher = connectClient(server.wsUrl, {
    clientId: "watcher",
    clientType: "observer",
  });
  using watched = listen(watcher);
  await watched.until(1);

  await using first = await RawSocket.open(
    `${server.wsUrl}?client_id=dup&client_type=ui`,
  );
  await waitFor(() => server.server.hub.get("dup") !== undefined, "dup");

  await using second = connectClient(server.wsUrl, {
    clientId: "dup",
    clientType: "ui",
  });
  using events = listen(second);
  const [welcome] = await events.until(1);
  assert.ok(welcome?.data.message_type === "connection");
  assert.equal(welcome.data.client_id, "dup");
  assert.equal(welcome.data.data.reconnected, true);

  const closed = await within(first.closed, 5000, "the first dup closed");
  assert.equal(closed.code, 4001);
  assert.match(closed.reason, /replaced/);

  // Both sockets of the watcher and the second dup remain on the server.
  await waitFor(() => server.server.sockets.size === 2, "old socket gone");
  const seen = await stats(server.httpUrl);
  assert.deepEqual(
    seen.clients.map((c) => c.client_id).filter((id) => id === "dup"),
    ["dup"],
  );
  assert.equal(seen.total_clients, 2);
  assert.deepEqual(seen.by_type, { agent: 0, ui: 1, observer: 1 });

  // Others saw dup connect (twice, or once when both fell in one presence
  // window, coalesced to the newest), and never leave: it was replaced.
  await waitFor(
    () => joinsOf(watched.items, "dup").at(-1)?.data.reconnected === true,
    "the watcher to see the reconnection",
  );
  assert.ok(joinsOf(watched.items, "dup").length <= 2);
  assert.deepEqual(presenceOf(watched.items, "disconnection", "dup"), []);
});

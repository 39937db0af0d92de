/**
 * `GET /health` and `GET /stats` in the original shape, and exact across 200
 * connects and disconnects.
 * @module
 */
import assert from "node:assert/strict";
import {
  connectClient,
  startTestServer,
  type TestClient,
  within,
} from "./_helpers.ts";
import {
  type ClientType,
  expectConnected,
  getJson,
  type HealthBody,
  stats,
  type StatsBody,
  TYPES,
} from "./_http.ts";

Deno.test("GET /health answers 200 JSON with the original shape", async () => {
  await using server = await startTestServer();
  const { status, type, body } = await getJson<HealthBody>(
    `${server.httpUrl}/health`,
  );
  assert.equal(status, 200);
  assert.match(type ?? "", /^application\/json/);
  assert.deepEqual(Object.keys(body).sort(), [
    "by_type",
    "status",
    "total_clients",
    "uptime_s",
  ]);
  assert.equal(body.status, "ok");
  assert.equal(typeof body.uptime_s, "number");
  assert.ok(body.uptime_s >= 0 && body.uptime_s < 60);
  assert.equal(body.total_clients, 0);
  assert.deepEqual(body.by_type, { agent: 0, ui: 0, observer: 0 });
});

Deno.test("GET /stats answers the original shape with connected_at in epoch seconds", async () => {
  await using server = await startTestServer();
  const empty = await getJson<StatsBody>(`${server.httpUrl}/stats`);
  assert.equal(empty.status, 200);
  assert.match(empty.type ?? "", /^application\/json/);
  assert.deepEqual(empty.body, {
    total_clients: 0,
    by_type: { agent: 0, ui: 0, observer: 0 },
    clients: [],
  });

  await using client = connectClient(server.wsUrl, {
    clientId: "stats-agent",
    clientType: "agent",
  });
  await client.trpc.system.ping.query();
  const { body } = await getJson<StatsBody>(`${server.httpUrl}/stats`);
  assert.deepEqual(Object.keys(body).sort(), [
    "by_type",
    "clients",
    "total_clients",
  ]);
  assert.equal(body.total_clients, 1);
  assert.deepEqual(body.by_type, { agent: 1, ui: 0, observer: 0 });
  assert.equal(body.clients.length, 1);
  const [entry] = body.clients;
  assert.ok(entry !== undefined);
  assert.deepEqual(Object.keys(entry).sort(), [
    "client_id",
    "connected_at",
    "type",
  ]);
  assert.equal(entry.client_id, "stats-agent");
  assert.equal(entry.type, "agent");
  assert.equal(typeof entry.connected_at, "number");
  assert.ok(
    Math.abs(entry.connected_at - Date.now() / 1000) < 10,
    `connected_at ${entry.connected_at} is not epoch seconds`,
  );
});

Deno.test("GET /stats and /health stay exact across 200 connects and disconnects", async () => {
  // 200 clients from one address: lift WS_MAX_CONNECTIONS_PER_IP
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 0 });
  const clients = new Map<string, TestClient>();
  const types = new Map<string, ClientType>();
  try {
    const BATCH = 50;
    for (let start = 0; start < 200; start += BATCH) {
      const batch: TestClient[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const clientId = `c-${i}`;
        const clientType = TYPES[i % 3] as ClientType;
        const client = connectClient(server.wsUrl, { clientId, clientType });
        clients.set(clientId, client);
        types.set(clientId, clientType);
        batch.push(client);
      }
      await within(
        Promise.all(batch.map((client) => client.trpc.system.ping.query())),
        10_000,
        `batch from ${start} pinged`,
      );
    }
    await expectConnected(server, types, "200 clients in /stats");
    assert.deepEqual((await stats(server.httpUrl)).by_type, {
      agent: 67,
      ui: 67,
      observer: 66,
    });

    // Close every other client; the rest must be counted exactly.
    const closing: Promise<void>[] = [];
    for (const [id, client] of clients) {
      if (Number(id.slice(2)) % 2 === 0) {
        closing.push(client.ws.close());
        clients.delete(id);
        types.delete(id);
      }
    }
    await within(Promise.all(closing), 10_000, "half the clients closed");
    assert.equal(types.size, 100);
    await expectConnected(server, types, "the remaining 100 clients");

    await within(
      Promise.all([...clients.values()].map((client) => client.ws.close())),
      10_000,
      "the other half closed",
    );
    clients.clear();
    types.clear();
    await expectConnected(server, types, "no clients left");
    assert.deepEqual(await stats(server.httpUrl), {
      total_clients: 0,
      by_type: { agent: 0, ui: 0, observer: 0 },
      clients: [],
    });
  } finally {
    await Promise.all([...clients.values()].map((client) => client.ws.close()));
  }
});

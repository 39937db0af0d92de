import assert from "node:assert/strict";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, HubMessage } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
  within,
} from "./_helpers.ts";

type ClientType = "agent" | "ui" | "observer";
type HubEvent = { id: string; data: HubMessage };
type StatsBody = {
  total_clients: number;
  by_type: Record<ClientType, number>;
  clients: { client_id: string; type: ClientType; connected_at: number }[];
};
type HealthBody = {
  status: string;
  uptime_s: number;
  total_clients: number;
  by_type: Record<ClientType, number>;
};

const TYPES: readonly ClientType[] = ["agent", "ui", "observer"];

/** GETs `url` and parses the JSON body, with the status and content type. */
async function getJson<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; type: string | null; body: T }> {
  const response = await fetch(url, init);
  const body = await response.json() as T;
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body,
  };
}

async function stats(httpUrl: string): Promise<StatsBody> {
  return (await getJson<StatsBody>(`${httpUrl}/stats`)).body;
}

async function health(httpUrl: string): Promise<HealthBody> {
  return (await getJson<HealthBody>(`${httpUrl}/health`)).body;
}

function countByType(types: readonly ClientType[]): Record<ClientType, number> {
  const counts = { agent: 0, ui: 0, observer: 0 };
  for (const type of types) counts[type]++;
  return counts;
}

/** Waits for the hub to hold `expected.size` clients, then checks that
 * `/stats` and `/health` describe exactly `expected`. */
async function expectConnected(
  server: TestServer,
  expected: Map<string, ClientType>,
  what: string,
): Promise<void> {
  const { httpUrl } = server;
  const byType = countByType([...expected.values()]);
  await waitFor(() => server.server.hub.size === expected.size, what, 10_000);
  const seen = await stats(httpUrl);
  assert.equal(seen.total_clients, expected.size);
  assert.deepEqual(seen.by_type, byType);
  assert.deepEqual(
    new Map(seen.clients.map((c) => [c.client_id, c.type])),
    expected,
  );
  assert.equal(seen.clients.length, expected.size);
  const report = await health(httpUrl);
  assert.equal(report.total_clients, expected.size);
  assert.deepEqual(report.by_type, byType);
}

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

Deno.test("an unknown path answers 404 JSON naming the routes", async () => {
  await using server = await startTestServer();
  const { status, type, body } = await getJson<{ error: string }>(
    `${server.httpUrl}/nope`,
  );
  assert.equal(status, 404);
  assert.match(type ?? "", /^application\/json/);
  assert.equal(typeof body.error, "string");
  assert.match(body.error, /\/nope/);
  assert.match(body.error, /\/trpc/);
  assert.match(body.error, /\/health/);
  assert.match(body.error, /\/stats/);
  assert.match(body.error, /\/ready/);
});

Deno.test("GET /ready answers 200 ready while serving and 503 draining from the moment a shutdown begins", async () => {
  await using server = await startTestServer({ shutdownGraceMs: 5000 });
  const ready = await getJson<{ status: string }>(`${server.httpUrl}/ready`);
  assert.deepEqual([ready.status, ready.body], [200, { status: "ready" }]);
  // What shutdown() does first (the HTTP server goes on until the sockets close).
  const drained = server.server.sockets.drain(5000);
  const draining = await getJson<{ status: string }>(
    `${server.httpUrl}/ready`,
  );
  assert.deepEqual([draining.status, draining.body], [503, {
    status: "draining",
  }]);
  const health = await getJson<{ status: string }>(`${server.httpUrl}/health`);
  assert.equal(health.status, 200, "health still answers: the process lives");
  assert.equal(await drained, true);
});

Deno.test("POST /health, /stats and /ready answer 405 with Allow: GET, HEAD", async () => {
  await using server = await startTestServer();
  for (const path of ["/health", "/stats", "/ready"]) {
    const response = await fetch(`${server.httpUrl}${path}`, {
      method: "POST",
    });
    const body = await response.json() as { error: string };
    assert.equal(response.status, 405, path);
    assert.equal(response.headers.get("allow"), "GET, HEAD");
    assert.match(body.error, /GET/);
  }
});

Deno.test("system.ping, system.health and system.stats answer over HTTP with httpBatchLink", async () => {
  await using server = await startTestServer();
  await using ws = connectClient(server.wsUrl, {
    clientId: "http-seen",
    clientType: "observer",
  });
  await ws.trpc.system.ping.query();
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${server.httpUrl}/trpc`, transformer: superjson }),
    ],
  });
  const [ping, report, stat] = await Promise.all([
    trpc.system.ping.query(),
    trpc.system.health.query(),
    trpc.system.stats.query(),
  ]);
  assert.ok(ping.serverTime instanceof Date);
  assert.ok(Math.abs(ping.serverTime.getTime() - Date.now()) < 5000);
  assert.equal(report.status, "ok");
  assert.equal(report.total_clients, 1);
  assert.deepEqual(report.by_type, { agent: 0, ui: 0, observer: 1 });
  assert.equal(stat.total_clients, 1);
  assert.deepEqual(
    stat.clients.map((c) => [c.client_id, c.type]),
    [["http-seen", "observer"]],
  );
  // The HTTP calls themselves are not hub connections.
  assert.equal((await stats(server.httpUrl)).total_clients, 1);
});

Deno.test("hub.publish over HTTP with ?client_id= reaches a WebSocket ui subscriber", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, {
    clientId: "ws-ui",
    clientType: "ui",
  });
  const events = new Collector<HubEvent>();
  const sub = ui.trpc.hub.events.subscribe(undefined, { onData: events.push });
  try {
    await events.until(1);

    // A raw, non-batched POST: the body is the superjson-serialized input.
    const input = {
      message: {
        message_type: "agent_message",
        message_text: "over plain HTTP",
      },
    };
    const response = await fetch(
      `${server.httpUrl}/trpc/hub.publish?client_id=agent-http&client_type=agent`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize(input)),
      },
    );
    assert.equal(response.status, 200);
    const reply = await response.json() as {
      result: { data: { json: { eventId: string; delivered: number } } };
    };
    assert.equal(typeof reply.result.data.json.eventId, "string");
    assert.equal(reply.result.data.json.delivered, 1);

    // The typed client, with the identity in the URL's query string.
    const trpc = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.httpUrl}/trpc?client_id=agent-typed&client_type=agent`,
          transformer: superjson,
        }),
      ],
    });
    const receipt = await trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: "batched",
      },
    });
    assert.equal(receipt.delivered, 1);

    const [, first, second] = await events.until(3);
    assert.ok(first?.data.message_type === "agent_message");
    assert.equal(first.data.client_id, "agent-http");
    assert.equal(first.data.agent_name, "agent-http"); // no seat: its client id
    assert.equal(first.data.message_text, "over plain HTTP");
    assert.equal(first.id, reply.result.data.json.eventId);
    assert.ok(second?.data.message_type === "agent_message");
    assert.equal(second.data.client_id, "agent-typed");
    assert.equal(second.id, receipt.eventId);
    // Publishing over HTTP registers no hub connection.
    assert.deepEqual(
      (await stats(server.httpUrl)).clients.map((c) => c.client_id),
      ["ws-ui"],
    );
  } finally {
    sub.unsubscribe();
  }
});

Deno.test("hub.events over SSE with httpSubscriptionLink: welcome, live messages, presence in /stats", async () => {
  await using server = await startTestServer();
  const url = `${server.httpUrl}/trpc`;
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          connectionParams: { clientId: "sse-ui", clientType: "ui" },
        }),
        false: httpBatchLink({ url, transformer: superjson }),
      }),
    ],
  });
  const events = new Collector<HubEvent>();
  const errors: unknown[] = [];
  const sub = trpc.hub.events.subscribe(undefined, {
    onData: events.push,
    onError: (error) => errors.push(error),
  });
  try {
    const [welcome] = await events.until(1);
    assert.ok(welcome !== undefined);
    assert.equal(typeof welcome.id, "string");
    assert.ok(welcome.data.message_type === "connection");
    assert.equal(welcome.data.client_id, "sse-ui");
    assert.equal(welcome.data.data.client_type, "ui");
    assert.equal(welcome.data.data.reconnected, false);

    // While subscribed, the SSE stream is a ui client in /stats.
    const seen = await stats(server.httpUrl);
    assert.equal(seen.total_clients, 1);
    assert.deepEqual(seen.by_type, { agent: 0, ui: 1, observer: 0 });
    assert.deepEqual(
      seen.clients.map((c) => [c.client_id, c.type]),
      [["sse-ui", "ui"]],
    );

    await using agent = connectClient(server.wsUrl, {
      clientId: "ws-agent",
      clientType: "agent",
    });
    const receipt = await agent.trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: "hi",
      },
    });
    assert.equal(receipt.delivered, 1);
    // The agent's own presence arrives first, then its message.
    await events.until(3);
    const talk = events.items.find((e) => e.data.message_type !== "connection");
    assert.ok(talk?.data.message_type === "agent_message");
    assert.equal(talk.data.client_id, "ws-agent");
    assert.equal(talk.data.agent_name, "ws-agent"); // no seat: its client id
    assert.equal(talk.data.message_text, "hi");
    assert.equal(talk.id, receipt.eventId);
    assert.ok(
      events.items.some((e) =>
        e.data.message_type === "connection" &&
        e.data.client_id === "ws-agent"
      ),
    );
    assert.deepEqual(errors, []);
  } finally {
    sub.unsubscribe();
  }
  await waitFor(
    () => server.server.hub.size === 0,
    "sse-ui and ws-agent to leave the hub",
  );
  assert.deepEqual(await stats(server.httpUrl), {
    total_clients: 0,
    by_type: { agent: 0, ui: 0, observer: 0 },
    clients: [],
  });
});

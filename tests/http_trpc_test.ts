/**
 * tRPC over HTTP: system procedures with httpBatchLink, `hub.publish` with
 * `?client_id=` reaching a WebSocket subscriber, and `hub.events` over SSE.
 * @module
 */
import assert from "node:assert/strict";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
} from "./_helpers.ts";
import { type HubEvent, stats } from "./_http.ts";

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

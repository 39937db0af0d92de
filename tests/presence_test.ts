import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type {
  AppRouter,
  HubMessage,
  PublishableMessage,
  PublishInput,
} from "../src/mod.ts";
import {
  Collector,
  connectClient,
  RawSocket,
  startTestServer,
  type TestClient,
  waitFor,
  within,
} from "./_helpers.ts";

type HubEvent = { id: string; data: HubMessage };
type StatsBody = {
  total_clients: number;
  by_type: Record<"agent" | "ui" | "observer", number>;
  clients: { client_id: string; type: string; connected_at: number }[];
};

async function stats(httpUrl: string): Promise<StatsBody> {
  const response = await fetch(`${httpUrl}/stats`);
  return await response.json() as StatsBody;
}

/** Subscribes `client` to `hub.events`; `using` unsubscribes. */
function listen(client: TestClient): Collector<HubEvent> & Disposable {
  const events = new Collector<HubEvent>();
  const sub = client.trpc.hub.events.subscribe(undefined, {
    onData: events.push,
  });
  return Object.assign(events, {
    [Symbol.dispose]: () => sub.unsubscribe(),
  });
}

/** The TRPCClientError `promise` rejects with (fails if it resolves). */
async function rejection(
  promise: Promise<unknown>,
): Promise<TRPCClientError<AppRouter>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TRPCClientError, `not a TRPCClientError`);
    return error as TRPCClientError<AppRouter>;
  }
  assert.fail("expected a rejection");
}

/** The error shape of a raw tRPC error frame (superjson on the wire). */
function errorOf(
  frame: Record<string, unknown>,
): { message: string; code: number; data: { code: string } } {
  assert.ok("error" in frame, `not an error frame: ${JSON.stringify(frame)}`);
  return superjson.deserialize(
    frame["error"] as Parameters<typeof superjson.deserialize>[0],
  );
}

function presenceOf(events: readonly HubEvent[], type: string, id: string) {
  return events.filter((e) =>
    e.data.message_type === type && e.data.client_id === id
  );
}

/** The `connection` messages about `id`, alone or in a `presence_diff`. */
function joinsOf(events: readonly HubEvent[], id: string) {
  return events.flatMap((e) =>
    e.data.message_type === "presence_diff"
      ? e.data.data.joins
      : e.data.message_type === "connection"
      ? [e.data]
      : []
  ).filter((m) => m.client_id === id);
}

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

Deno.test("an unknown client type gets an error frame, then close 4004; others keep working", async () => {
  await using server = await startTestServer();
  await using other = connectClient(server.wsUrl, {
    clientId: "other",
    clientType: "ui",
  });
  await other.trpc.system.ping.query();

  await using robot = await RawSocket.open(`${server.wsUrl}?client_type=robot`);
  const frame = await robot.nextJson();
  assert.equal(frame["id"], null);
  const error = errorOf(frame);
  assert.match(error.message, /robot/);
  assert.match(error.message, /agent, ui, observer/);
  assert.equal(error.data.code, "BAD_REQUEST");
  const closed = await within(robot.closed, 5000, "robot closed");
  assert.equal(closed.code, 4004);

  const { serverTime } = await other.trpc.system.ping.query();
  assert.ok(serverTime instanceof Date);
  assert.deepEqual(
    (await stats(server.httpUrl)).clients.map((c) => c.client_id),
    ["other"],
  );
});

Deno.test("WS_TIMEOUT closes a silent socket with 4002 and drops it from /stats", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using silent = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  await waitFor(() => server.server.hub.size === 1, "the silent client");
  const [listed] = (await stats(server.httpUrl)).clients;
  assert.ok(listed !== undefined);
  assert.equal(listed.type, "ui");
  assert.match(listed.client_id, /^ui-/);

  const closed = await within(silent.closed, 3000, "idle close");
  assert.equal(closed.code, 4002);
  assert.match(closed.reason, /idle/);
  await waitFor(() => server.server.hub.size === 0, "the hub to drop it");
  const after = await stats(server.httpUrl);
  assert.equal(after.total_clients, 0);
  assert.deepEqual(after.clients, []);
});

Deno.test("WS_TIMEOUT close reason states a sub-second timeout as set", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using silent = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  const closed = await within(silent.closed, 3000, "idle close");
  assert.equal(closed.code, 4002);
  assert.match(closed.reason, /0\.3 s/);
});

Deno.test("WS_TIMEOUT spares a socket that keeps sending PING, and it gets PONG", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using chatty = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  for (let i = 0; i < 6; i++) {
    chatty.send("PING");
    assert.equal(await chatty.next(1000), "PONG");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // 600 ms and more passed: twice the timeout, and it is still open.
  assert.equal(chatty.ws.readyState, WebSocket.OPEN);
  assert.equal(server.server.hub.size, 1);
  assert.equal((await stats(server.httpUrl)).total_clients, 1);
});

/** A minimal valid `game_state` in `phase`. */
function gameState(phase: string): PublishableMessage {
  return {
    message_type: "game_state",
    phase,
    players: [],
    current_turn: 0,
    alive_count: 0,
    dead_count: 0,
  };
}

/** What a message is about, for routing checks; null for presence. */
function label(event: HubEvent): string | null {
  const { data } = event;
  if (data.message_type === "game_state") return `state:${data.phase}`;
  if (data.message_type === "agent_message") return `say:${data.message_text}`;
  return null;
}

Deno.test("hub.publish routes by target_type, exclude_client, to_client and the agents' default", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  const clients = {
    admin: connectClient(server.wsUrl, {
      clientId: "admin",
      clientType: "ui",
      token: "s3cret",
    }),
    agent1: connectClient(server.wsUrl, {
      clientId: "agent1",
      clientType: "agent",
    }),
    agent2: connectClient(server.wsUrl, {
      clientId: "agent2",
      clientType: "agent",
    }),
    ui1: connectClient(server.wsUrl, { clientId: "ui1", clientType: "ui" }),
    obs1: connectClient(server.wsUrl, {
      clientId: "obs1",
      clientType: "observer",
    }),
  };
  const names = Object.keys(clients) as (keyof typeof clients)[];
  const events = Object.fromEntries(
    names.map((name) => [name, listen(clients[name])]),
  ) as Record<keyof typeof clients, ReturnType<typeof listen>>;
  try {
    await Promise.all(names.map((name) => events[name].until(1)));
    const { admin, agent1 } = clients;
    const state = (phase: string, route: Omit<PublishInput, "message"> = {}) =>
      admin.trpc.hub.publish.mutate({
        message: gameState(phase),
        ...route,
      });

    assert.equal((await state("m1", { target_type: "agent" })).delivered, 2);
    assert.equal((await state("m2", { exclude_client: "ui1" })).delivered, 4);
    assert.equal((await state("m3", { to_client: "agent2" })).delivered, 1);
    assert.equal((await state("m4")).delivered, 5);
    const talk = await agent1.trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: "talk",
      },
    });
    assert.equal(talk.delivered, 3);
    // Mailboxes are FIFO: once everyone has the fence, routing is done.
    assert.equal((await state("fence")).delivered, 5);
    await within(
      Promise.all(names.map((name) =>
        waitFor(
          () => events[name].items.some((e) => label(e) === "state:fence"),
          `${name} to get the fence`,
        )
      )),
      6000,
      "the fence",
    );

    const got = Object.fromEntries(
      names.map((name) => [
        name,
        events[name].items.map(label).filter((l) => l !== null),
      ]),
    );
    assert.deepEqual(got, {
      admin: ["state:m2", "state:m4", "say:talk", "state:fence"],
      agent1: ["state:m1", "state:m2", "state:m4", "state:fence"],
      agent2: ["state:m1", "state:m2", "state:m3", "state:m4", "state:fence"],
      ui1: ["state:m4", "say:talk", "state:fence"],
      obs1: ["state:m2", "state:m4", "say:talk", "state:fence"],
    });
    const said = events.ui1.items.find((e) => label(e) === "say:talk");
    assert.ok(said?.data.message_type === "agent_message");
    assert.equal(said.data.client_id, "agent1");
    assert.equal(said.data.agent_name, "agent1"); // no seat: its client id
    assert.equal(said.id, talk.eventId);
  } finally {
    for (const name of names) events[name][Symbol.dispose]();
    await Promise.all(names.map((name) => clients[name].ws.close()));
  }
});

Deno.test("hub.publish refuses what a caller may not publish", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  await using agent = connectClient(server.wsUrl, {
    clientId: "agent1",
    clientType: "agent",
  });
  await using observer = connectClient(server.wsUrl, {
    clientId: "obs1",
    clientType: "observer",
  });
  const say = {
    message_type: "agent_message",
    message_text: "hello",
  } as const;

  const adminOnly = await rejection(agent.trpc.hub.publish.mutate({
    message: gameState("night"),
  }));
  assert.equal(adminOnly.data?.code, "FORBIDDEN");
  assert.match(adminOnly.message, /game_state needs the admin token/);

  const targeted = await rejection(agent.trpc.hub.publish.mutate({
    message: say,
    target_type: "ui",
  }));
  assert.equal(targeted.data?.code, "FORBIDDEN");
  assert.match(targeted.message, /needs the admin token/);

  const readOnly = await rejection(
    observer.trpc.hub.publish.mutate({ message: say }),
  );
  assert.equal(readOnly.data?.code, "FORBIDDEN");
  assert.match(readOnly.message, /read-only/);

  const impostor = await rejection(agent.trpc.hub.publish.mutate({
    message: { ...say, client_id: "agent2" },
  }));
  assert.equal(impostor.data?.code, "FORBIDDEN");
  assert.match(impostor.message, /only as yourself/);
  assert.match(impostor.message, /agent2/);

  const invalid = await rejection(agent.trpc.hub.publish.mutate({
    message: { ...say, message_text: 42 as unknown as string },
  }));
  assert.equal(invalid.data?.code, "BAD_REQUEST");
  assert.match(invalid.message, /message\.message_text/);

  // The agent may still publish what it is allowed to.
  const ok = await agent.trpc.hub.publish.mutate({ message: say });
  assert.equal(typeof ok.eventId, "string");
});

Deno.test("connectionParams with a wrong token is refused: UNAUTHORIZED, then close 4004", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  await using socket = await RawSocket.open(
    `${server.wsUrl}?connectionParams=1`,
  );
  socket.send({ method: "connectionParams", data: { token: "nope" } });
  const frame = await socket.nextJson();
  assert.equal(frame["id"], null);
  const error = errorOf(frame);
  assert.equal(error.data.code, "UNAUTHORIZED");
  assert.match(error.message, /token is not valid/);
  const closed = await within(socket.closed, 5000, "refused socket closed");
  assert.equal(closed.code, 4004);
  assert.equal(server.server.hub.size, 0);
});

Deno.test("error shapes carry no server stack trace", async () => {
  await using server = await startTestServer();
  await using raw = await RawSocket.open(
    `${server.wsUrl}?client_type=observer`,
  );
  raw.send({
    id: 1,
    method: "query",
    params: { path: "nowhere", input: superjson.serialize(null) },
  });
  const reply = await raw.nextJson();
  const error = superjson.deserialize(reply.error as never) as {
    data: Record<string, unknown>;
  };
  assert.equal(error.data["code"], "NOT_FOUND");
  assert.equal("stack" in error.data, false);
});

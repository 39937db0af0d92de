import assert from "node:assert/strict";
import {
  type ClientType,
  HealthSchema,
  type HubMessage,
  HubMessageSchema,
  SERVER_CLIENT_ID,
  StatsSchema,
} from "../src/contract/mod.ts";
import {
  CLOSE_REPLACED,
  CLOSE_SLOW_CONSUMER,
  type Connection,
  type ConnectionHandle,
  formatEventId,
  Hub,
  type HubDelivery,
  type HubOptions,
  isAddressedTo,
  parseEventId,
  type Route,
  type RouteReceipt,
  TO_EVERYONE,
} from "../src/hub/mod.ts";
import { Mailbox } from "../src/kit/mod.ts";
import { History } from "../src/hub/_history.ts";

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const T0 = 1_700_000_000_000;

/** A fake transport handle that records how it was closed. */
class FakeHandle implements ConnectionHandle {
  closes: { code: number; reason: string }[] = [];
  close(code: number, reason: string): void {
    this.closes.push({ code, reason });
  }
}

type Deliveries = AsyncGenerator<HubDelivery, void, undefined>;

/** A hub with an injected clock (`clock.now`, epoch ms). */
function makeHub(
  options: HubOptions = {},
): { hub: Hub; clock: { now: number } } {
  const clock = { now: T0 };
  const hub = new Hub({ now: () => clock.now, bootId: "t1", ...options });
  return { hub, clock };
}

/** `gen.next()`, failing after `ms` instead of hanging; the timer is cleared. */
async function pull<T>(
  gen: AsyncGenerator<T, void, undefined>,
  ms = 1000,
): Promise<IteratorResult<T, void>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no item within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([gen.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next delivery; fails when the generator is done. */
async function pullItem(gen: Deliveries): Promise<HubDelivery> {
  const result = await pull(gen);
  assert.equal(result.done, false, "expected a delivery, got done");
  return result.value as HubDelivery;
}

/** An `agent_message` whose text is the label used to recognise it. */
function say(text: string): HubMessage {
  return {
    message_type: "agent_message",
    client_id: "game_master",
    timestamp: 1,
    agent_name: "GM",
    message_text: text,
  };
}

/** A short label for a message: the text of an agent_message, else type:id. */
function label(message: HubMessage): string {
  return message.message_type === "agent_message"
    ? message.message_text
    : `${message.message_type}:${message.client_id}`;
}

const END = "__end__";

/**
 * Reads until the `END` sentinel (which the test routes to everyone last)
 * and returns the labels before it: exactly what was queued in between.
 */
async function readUntilEnd(gen: Deliveries): Promise<string[]> {
  const labels: string[] = [];
  for (let i = 0; i < 100; i++) {
    const { message } = await pullItem(gen);
    const text = label(message);
    if (text === END) return labels;
    labels.push(text);
  }
  throw new Error("no sentinel within 100 deliveries");
}

interface Subscriber {
  conn: Connection;
  handle: FakeHandle;
  gen: Deliveries;
  welcome: HubDelivery;
}

/** Connects and subscribes a client, and reads its welcome. */
async function join(
  hub: Hub,
  clientId: string,
  clientType: ClientType,
  options: { lastEventId?: string; signal?: AbortSignal; presence?: boolean } =
    {},
): Promise<Subscriber> {
  const handle = new FakeHandle();
  const conn = hub.connect(
    { client_id: clientId, client_type: clientType },
    handle,
  );
  const gen = hub.subscribe(conn, options);
  const welcome = await pullItem(gen);
  return { conn, handle, gen, welcome };
}

/**
 * Four clients connected first, then subscribed, each with presence (as
 * the original hub sent it to all): nothing queued yet.
 */
async function fourClients(options: HubOptions = {}) {
  const { hub, clock } = makeHub(options);
  const who: [string, ClientType][] = [
    ["a1", "agent"],
    ["a2", "agent"],
    ["u1", "ui"],
    ["o1", "observer"],
  ];
  const handles = new Map<string, FakeHandle>();
  const conns = new Map<string, Connection>();
  for (const [id, type] of who) {
    const handle = new FakeHandle();
    handles.set(id, handle);
    conns.set(id, hub.connect({ client_id: id, client_type: type }, handle));
  }
  const subs = new Map<string, Subscriber>();
  for (const [id] of who) {
    const conn = conns.get(id) as Connection;
    const gen = hub.subscribe(conn, { presence: true });
    const welcome = await pullItem(gen);
    subs.set(id, { conn, handle: handles.get(id) as FakeHandle, gen, welcome });
  }
  return {
    hub,
    clock,
    subs,
    sub(id: string): Subscriber {
      const s = subs.get(id);
      if (s === undefined) throw new Error(`no subscriber ${id}`);
      return s;
    },
    /** What each subscriber got up to the sentinel. */
    async received(): Promise<Record<string, string[]>> {
      hub.route(say(END));
      const out: Record<string, string[]> = {};
      for (const [id, s] of subs) out[id] = await readUntilEnd(s.gen);
      return out;
    },
    async [Symbol.asyncDispose]() {
      for (const s of subs.values()) await s.gen.return();
    },
  };
}

// ---------------------------------------------------------------------------
// route.ts
// ---------------------------------------------------------------------------

Deno.test("isAddressedTo() decides who a route addresses", () => {
  const a1 = { client_id: "a1", client_type: "agent" } as const;
  const a2 = { client_id: "a2", client_type: "agent" } as const;
  const u1 = { client_id: "u1", client_type: "ui" } as const;
  const o1 = { client_id: "o1", client_type: "observer" } as const;
  const cases: {
    name: string;
    route: Route;
    expect: [boolean, boolean, boolean, boolean];
  }[] = [
    { name: "empty route", route: {}, expect: [true, true, true, true] },
    {
      name: "TO_EVERYONE",
      route: TO_EVERYONE,
      expect: [true, true, true, true],
    },
    {
      name: "to_client",
      route: { to_client: "a2" },
      expect: [false, true, false, false],
    },
    {
      name: "to_client unknown",
      route: { to_client: "zz" },
      expect: [false, false, false, false],
    },
    {
      name: "to_client wins over the other fields",
      route: { to_client: "u1", target_types: ["agent"], exclude_client: "u1" },
      expect: [false, false, true, false],
    },
    {
      name: "target_types one",
      route: { target_types: ["agent"] },
      expect: [true, true, false, false],
    },
    {
      name: "target_types two",
      route: { target_types: ["ui", "observer"] },
      expect: [false, false, true, true],
    },
    {
      name: "target_types empty",
      route: { target_types: [] },
      expect: [false, false, false, false],
    },
    {
      name: "exclude_client",
      route: { exclude_client: "a1" },
      expect: [false, true, true, true],
    },
    {
      name: "target_types + exclude_client",
      route: { target_types: ["agent"], exclude_client: "a1" },
      expect: [false, true, false, false],
    },
    {
      name: "target_types + exclude_client of another type",
      route: { target_types: ["agent"], exclude_client: "u1" },
      expect: [true, true, false, false],
    },
    {
      name: "undefined fields are ignored",
      route: {
        to_client: undefined,
        target_types: undefined,
        exclude_client: undefined,
      },
      expect: [true, true, true, true],
    },
  ];
  for (const { name, route, expect } of cases) {
    const got = [a1, a2, u1, o1].map((who) => isAddressedTo(route, who));
    assert.deepEqual(got, expect, name);
  }
  assert.ok(Object.isFrozen(TO_EVERYONE));
});

// ---------------------------------------------------------------------------
// event_id.ts
// ---------------------------------------------------------------------------

Deno.test("formatEventId() and parseEventId() round-trip and refuse garbage", () => {
  assert.equal(formatEventId("t1", 42), "t1-42");
  assert.deepEqual(parseEventId("t1-42"), { bootId: "t1", seq: 42 });
  assert.deepEqual(parseEventId("abcdef12-0"), { bootId: "abcdef12", seq: 0 });
  assert.deepEqual(parseEventId(formatEventId("Zz9", 123456789012345)), {
    bootId: "Zz9",
    seq: 123456789012345,
  });
  const bad = [
    "",
    "t1",
    "t1-",
    "-3",
    "t1-abc",
    "t1-3x",
    "t1--3",
    "a-b-3",
    "t 1-3",
    "t1-+3",
    "t1-1.5",
    `${"a".repeat(17)}-1`,
    `t1-${"9".repeat(16)}`,
  ];
  for (const id of bad) {
    assert.equal(parseEventId(id), null, JSON.stringify(id));
  }
});

// ---------------------------------------------------------------------------
// Routing primitives
// ---------------------------------------------------------------------------

Deno.test("Hub.subscribe() starts with a connection welcome whose id is the cursor", async () => {
  await using f = await fourClients();
  // Each connect routed one presence message: seq 1..4.
  for (const id of ["a1", "a2", "u1", "o1"]) {
    const { welcome, conn } = f.sub(id);
    assert.equal(welcome.id, "t1-4");
    assert.equal(welcome.message.message_type, "connection");
    assert.equal(welcome.message.client_id, id);
    assert.deepEqual(welcome.message.data, {
      client_type: conn.identity.client_type,
      connected_at: T0 / 1000,
      reconnected: false,
    });
    assert.ok(HubMessageSchema.safeParse(welcome.message).success);
  }
});

Deno.test("Hub routing primitives deliver exactly to the addressed subscribers", async () => {
  const cases: {
    name: string;
    send: (hub: Hub, message: HubMessage) => RouteReceipt;
    to: string[];
  }[] = [
    {
      name: "route() default to everyone",
      send: (h, m) => h.route(m),
      to: ["a1", "a2", "u1", "o1"],
    },
    {
      name: "route() target_types one",
      send: (h, m) => h.route(m, { target_types: ["agent"] }),
      to: ["a1", "a2"],
    },
    {
      name: "route() target_types two",
      send: (h, m) => h.route(m, { target_types: ["ui", "observer"] }),
      to: ["u1", "o1"],
    },
    {
      name: "route() exclude_client",
      send: (h, m) => h.route(m, { exclude_client: "a1" }),
      to: ["a2", "u1", "o1"],
    },
    {
      name: "route() target_types + exclude_client",
      send: (h, m) =>
        h.route(m, { target_types: ["agent"], exclude_client: "a1" }),
      to: ["a2"],
    },
    {
      name: "route() target_types agent only",
      send: (h, m) => h.route(m, { target_types: ["agent"] }),
      to: ["a1", "a2"],
    },
    {
      name: "route() target_types ui only",
      send: (h, m) => h.route(m, { target_types: ["ui"] }),
      to: ["u1"],
    },
    {
      name: "route() target_types observer only",
      send: (h, m) => h.route(m, { target_types: ["observer"] }),
      to: ["o1"],
    },
    {
      name: "route() exclude_client u1",
      send: (h, m) => h.route(m, { exclude_client: "u1" }),
      to: ["a1", "a2", "o1"],
    },
    {
      name: "route() exclude_client unknown id",
      send: (h, m) => h.route(m, { exclude_client: "ghost" }),
      to: ["a1", "a2", "u1", "o1"],
    },
    {
      name: "route() to_client",
      send: (h, m) => h.route(m, { to_client: "a2" }),
      to: ["a2"],
    },
    {
      name: "route() to_client unknown id",
      send: (h, m) => h.route(m, { to_client: "ghost" }),
      to: [],
    },
    {
      name: "route() default",
      send: (h, m) => h.route(m),
      to: ["a1", "a2", "u1", "o1"],
    },
  ];
  for (const { name, send, to } of cases) {
    await using f = await fourClients();
    const receipt = send(f.hub, say("X"));
    assert.equal(receipt.eventId, "t1-5", name);
    assert.equal(receipt.delivered, to.length, `${name}: delivered`);
    const got = await f.received();
    const expected: Record<string, string[]> = {};
    for (const id of ["a1", "a2", "u1", "o1"]) {
      expected[id] = to.includes(id) ? ["X"] : [];
    }
    assert.deepEqual(got, expected, name);
  }
});

Deno.test("Hub.route() numbers events t1-<seq> and delivers them with that id", async () => {
  await using f = await fourClients();
  const r1 = f.hub.route(say("one"), { to_client: "a1" });
  const r2 = f.hub.route(say("two"), { target_types: ["agent"] });
  const r3 = f.hub.route(say("three"), { to_client: "ghost" });
  const r4 = f.hub.route(say("four"));
  assert.deepEqual(
    [r1, r2, r3, r4].map((r) => r.eventId),
    ["t1-5", "t1-6", "t1-7", "t1-8"],
  );
  for (const r of [r1, r2, r3, r4]) assert.match(r.eventId, /^t1-\d+$/);
  const a1 = f.sub("a1").gen;
  const got = [await pullItem(a1), await pullItem(a1), await pullItem(a1)];
  assert.deepEqual(
    got.map((d) => [d.id, label(d.message)]),
    [["t1-5", "one"], ["t1-6", "two"], ["t1-8", "four"]],
  );
  // The message is delivered as routed, not copied or re-stamped.
  assert.equal(got[0]?.message.timestamp, 1);
});

Deno.test("Hub.route() freezes what it routes: every subscriber shares one immutable message", async () => {
  const { hub } = makeHub();
  const a = await join(hub, "a1", "agent");
  const b = await join(hub, "a2", "agent");
  hub.route(say("shared"));
  const next = async (gen: Deliveries) => {
    for (let i = 0; i < 5; i++) {
      const { message } = await pullItem(gen);
      if (label(message) === "shared") return message;
    }
    throw new Error("the shared message never came");
  };
  const [got1, got2] = [await next(a.gen), await next(b.gen)];
  assert.equal(got1, got2);
  assert.ok(Object.isFrozen(got1));
  assert.throws(() => {
    (got1 as { message_text: string }).message_text = "changed";
  }, TypeError);
  await a.gen.return();
  await b.gen.return();
});

Deno.test("Hub.route() does not count connected clients without a subscription", async () => {
  const { hub } = makeHub();
  const sub = await join(hub, "a1", "agent");
  hub.connect({ client_id: "u1", client_type: "ui" }, new FakeHandle());
  const receipt = hub.route(say("X"));
  assert.equal(receipt.delivered, 1);
  await sub.gen.return();
});

Deno.test("Hub.route() delivers to every subscription of a connection, counting it once", async () => {
  const { hub } = makeHub();
  const sub = await join(hub, "a1", "agent");
  const second = hub.subscribe(sub.conn);
  await pullItem(second);
  const receipt = hub.route(say("X"));
  assert.equal(receipt.delivered, 1);
  assert.equal(label((await pullItem(sub.gen)).message), "X");
  assert.equal(label((await pullItem(second)).message), "X");
  await sub.gen.return();
  await second.return();
});

// ---------------------------------------------------------------------------
// Presence
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Session tracking
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// stats() and health()
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Resume with lastEventId
// ---------------------------------------------------------------------------

Deno.test("Hub.subscribe() with lastEventId replays exactly what this client missed, then live", async () => {
  const { hub } = makeHub();
  const u1 = await join(hub, "u1", "ui");
  const a1 = await join(hub, "a1", "agent");
  const last = a1.welcome.id;
  assert.equal(last, "t1-2");
  assert.equal(hub.disconnect(a1.conn, "network"), true);
  assert.equal((await pull(a1.gen)).done, true);
  const sent = {
    everyone: hub.route(say("everyone")),
    mine: hub.route(say("for-a1"), { to_client: "a1" }),
    theirs: hub.route(say("for-u1"), { to_client: "u1" }),
    uiOnly: hub.route(say("ui-only"), { target_types: ["ui"] }),
    agents: hub.route(say("agents"), { target_types: ["agent"] }),
    notMe: hub.route(say("not-a1"), { exclude_client: "a1" }),
    agentsNotMe: hub.route(say("agents-not-a1"), {
      target_types: ["agent"],
      exclude_client: "a1",
    }),
  };
  const handle = new FakeHandle();
  const again = hub.connect({ client_id: "a1", client_type: "agent" }, handle);
  assert.equal(again.reconnected, true);
  const gen = hub.subscribe(again, { lastEventId: last });
  const welcome = await pullItem(gen);
  assert.equal(welcome.id, last);
  assert.equal(welcome.message.message_type, "connection");
  assert.equal(welcome.message.data?.["reconnected"], true);
  const backlog = [
    await pullItem(gen),
    await pullItem(gen),
    await pullItem(gen),
  ];
  assert.deepEqual(backlog.map((d) => [d.id, label(d.message)]), [
    [sent.everyone.eventId, "everyone"],
    [sent.mine.eventId, "for-a1"],
    [sent.agents.eventId, "agents"],
  ]);
  // Then live messages, nothing replayed twice.
  const live = hub.route(say("live"));
  const next = await pullItem(gen);
  assert.deepEqual([next.id, label(next.message)], [live.eventId, "live"]);
  hub.route(say(END));
  assert.deepEqual(await readUntilEnd(gen), []);
  await gen.return();
  await u1.gen.return();
});

Deno.test("Hub.subscribe() with the newest event id has an empty backlog", async () => {
  const { hub } = makeHub();
  const a1 = await join(hub, "a1", "agent");
  hub.route(say("one"));
  const two = hub.route(say("two"));
  await a1.gen.return();
  const gen = hub.subscribe(a1.conn, { lastEventId: two.eventId });
  assert.equal((await pullItem(gen)).id, two.eventId);
  hub.route(say(END));
  assert.deepEqual(await readUntilEnd(gen), []);
  await gen.return();
});

Deno.test("Hub.subscribe() with lastEventId null or undefined starts live", async () => {
  for (const lastEventId of [null, undefined]) {
    const { hub } = makeHub();
    const conn = hub.connect(
      { client_id: "a1", client_type: "agent" },
      new FakeHandle(),
    );
    hub.route(say("old"));
    const gen = hub.subscribe(conn, { lastEventId });
    assert.equal((await pullItem(gen)).id, "t1-2");
    hub.route(say(END));
    assert.deepEqual(await readUntilEnd(gen), []);
    await gen.return();
  }
});

Deno.test("Hub.subscribe() with an id older than the history sends EVENTS_LOST first", async () => {
  const { hub } = makeHub({ historySize: 3 });
  const conn = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  ); // seq 1
  for (let i = 1; i <= 6; i++) hub.route(say(`m${i}`)); // seq 2..7; kept 5..7
  const gen = hub.subscribe(conn, { lastEventId: "t1-2" }); // missed 3..7
  const welcome = await pullItem(gen);
  assert.equal(welcome.id, "t1-4");
  const notice = await pullItem(gen);
  assert.equal(notice.id, "t1-4");
  assert.equal(notice.message.message_type, "error");
  if (notice.message.message_type !== "error") throw new Error("unreachable");
  assert.equal(notice.message.code, "EVENTS_LOST");
  assert.equal(notice.message.client_id, "server");
  assert.match(notice.message.error, /events 3 to 4/);
  assert.ok(HubMessageSchema.safeParse(notice.message).success);
  const rest = [await pullItem(gen), await pullItem(gen), await pullItem(gen)];
  assert.deepEqual(rest.map((d) => [d.id, label(d.message)]), [
    ["t1-5", "m4"],
    ["t1-6", "m5"],
    ["t1-7", "m6"],
  ]);
  hub.route(say("live"));
  assert.equal(label((await pullItem(gen)).message), "live");
  await gen.return();
});

Deno.test("Hub.subscribe() with the id just before the oldest kept event loses nothing", async () => {
  const { hub } = makeHub({ historySize: 3 });
  const conn = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  );
  for (let i = 1; i <= 6; i++) hub.route(say(`m${i}`)); // kept 5..7
  const gen = hub.subscribe(conn, { lastEventId: "t1-4" });
  assert.equal((await pullItem(gen)).id, "t1-4");
  const rest = [await pullItem(gen), await pullItem(gen), await pullItem(gen)];
  assert.deepEqual(rest.map((d) => label(d.message)), ["m4", "m5", "m6"]);
  await gen.return();
});

Deno.test("Hub.subscribe() with a foreign, future or garbage id sends EVENTS_LOST saying which, then live", async () => {
  const ids: [string, RegExp][] = [
    [
      "zz-3",
      /from an earlier run of the server: it restarted, .* Games are not affected/,
    ],
    ["nonsense", /is not a hub event id \(they look like "t1-42"/],
    ["t1-999", /is ahead of this server's newest hub message/],
    ["t1-", /is not a hub event id/],
    ["", /is not a hub event id/],
    ["t1-3-4", /is not a hub event id/],
  ];
  for (const [lastEventId, why] of ids) {
    const { hub } = makeHub();
    const conn = hub.connect(
      { client_id: "a1", client_type: "agent" },
      new FakeHandle(),
    );
    hub.route(say("old1"));
    hub.route(say("old2")); // last = 3
    const gen = hub.subscribe(conn, { lastEventId });
    const welcome = await pullItem(gen);
    assert.equal(welcome.id, "t1-3", lastEventId);
    assert.equal(welcome.message.message_type, "connection");
    const notice = await pullItem(gen);
    assert.equal(notice.id, "t1-3", lastEventId);
    assert.equal(notice.message.message_type, "error", lastEventId);
    if (notice.message.message_type !== "error") throw new Error("unreachable");
    assert.equal(notice.message.code, "EVENTS_LOST", lastEventId);
    assert.ok(
      notice.message.error.includes(JSON.stringify(lastEventId)),
      lastEventId,
    );
    assert.match(notice.message.error, why);
    const live = hub.route(say("live"));
    const next = await pullItem(gen);
    assert.deepEqual(
      [next.id, label(next.message)],
      [live.eventId, "live"],
      lastEventId,
    );
    await gen.return();
  }
});

// ---------------------------------------------------------------------------
// Backpressure
// ---------------------------------------------------------------------------

Deno.test("Hub closes a slow consumer with 4003 and leaves a reading one alone", async () => {
  const { hub } = makeHub({ maxQueuedMessages: 3 });
  const slow = await join(hub, "slow", "agent", { presence: true });
  const fast = await join(hub, "fast", "ui");
  assert.equal(label((await pullItem(slow.gen)).message), "connection:fast"); // presence
  for (let i = 1; i <= 3; i++) {
    const receipt = hub.route(say(`m${i}`));
    assert.equal(receipt.delivered, 2);
    assert.equal(label((await pullItem(fast.gen)).message), `m${i}`);
  }
  assert.equal(slow.handle.closes.length, 0);
  hub.route(say("m4"));
  assert.equal(slow.handle.closes.length, 1);
  assert.equal(slow.handle.closes[0]?.code, CLOSE_SLOW_CONSUMER);
  assert.equal(slow.handle.closes[0]?.code, 4003);
  assert.match(slow.handle.closes[0]?.reason ?? "", /slow consumer/);
  // Its subscription is dropped: the stream ends without the queued items.
  assert.equal((await pull(slow.gen)).done, true);
  // The reader is unaffected, now and later.
  assert.equal(label((await pullItem(fast.gen)).message), "m4");
  const later = hub.route(say("m5"));
  assert.equal(later.delivered, 1);
  assert.equal(label((await pullItem(fast.gen)).message), "m5");
  assert.equal(fast.handle.closes.length, 0);
  assert.equal(slow.handle.closes.length, 1);
  await fast.gen.return();
});

Deno.test("Hub does not close a subscriber that keeps up, whatever the volume", async () => {
  const { hub } = makeHub({ maxQueuedMessages: 3 });
  const sub = await join(hub, "a1", "agent");
  for (let i = 0; i < 50; i++) {
    hub.route(say(`m${i}`));
    hub.route(say(`n${i}`));
    assert.equal(label((await pullItem(sub.gen)).message), `m${i}`);
    assert.equal(label((await pullItem(sub.gen)).message), `n${i}`);
  }
  assert.equal(sub.handle.closes.length, 0);
  await sub.gen.return();
});

Deno.test({
  name: "Hub.route() does not count a subscriber it drops as slow in delivered",
  fn: async () => {
    const { hub } = makeHub({ maxQueuedMessages: 3 });
    const slow = await join(hub, "slow", "agent", { presence: true });
    const fast = await join(hub, "fast", "ui");
    await pullItem(slow.gen); // presence of "fast"
    for (let i = 1; i <= 3; i++) {
      assert.equal(hub.route(say(`m${i}`)).delivered, 2);
      await pullItem(fast.gen);
    }
    assert.equal(slow.handle.closes.length, 0);
    const receipt = hub.route(say("m4")); // refused by slow's full queue
    assert.equal(slow.handle.closes.length, 1);
    assert.equal(receipt.delivered, 1);
    await slow.gen.return();
    await fast.gen.return();
  },
});

// ---------------------------------------------------------------------------
// Ending a subscription
// ---------------------------------------------------------------------------

Deno.test("Hub.subscribe() ends when its signal aborts and stops queueing", async () => {
  const { hub } = makeHub();
  const controller = new AbortController();
  const sub = await join(hub, "a1", "agent", { signal: controller.signal });
  const pending = pull(sub.gen);
  controller.abort();
  assert.equal((await pending).done, true);
  assert.equal(hub.route(say("after")).delivered, 0);
  assert.equal((await pull(sub.gen)).done, true);
  // The connection itself stays registered.
  assert.equal(hub.get("a1"), sub.conn);
  assert.equal(sub.handle.closes.length, 0);
});

Deno.test("Hub.subscribe() with queued items ends at once when its signal aborts", async () => {
  const { hub } = makeHub();
  const controller = new AbortController();
  const sub = await join(hub, "a1", "agent", { signal: controller.signal });
  hub.route(say("queued1"));
  hub.route(say("queued2"));
  controller.abort();
  assert.equal((await pull(sub.gen)).done, true);
  assert.equal(hub.route(say("after")).delivered, 0);
});

Deno.test("Hub.subscribe() with an already aborted signal queues nothing", async () => {
  const { hub } = makeHub();
  const conn = hub.connect(
    { client_id: "a1", client_type: "agent" },
    new FakeHandle(),
  );
  const gen = hub.subscribe(conn, { signal: AbortSignal.abort() });
  assert.equal(hub.route(say("X")).delivered, 0);
  assert.equal((await pullItem(gen)).message.message_type, "connection");
  assert.equal((await pull(gen)).done, true);
});

Deno.test("Hub.subscribe() generator return() stops queueing", async () => {
  const { hub } = makeHub();
  const sub = await join(hub, "a1", "agent");
  assert.equal(hub.route(say("X")).delivered, 1);
  await sub.gen.return();
  assert.equal(hub.route(say("Y")).delivered, 0);
  assert.equal((await pull(sub.gen)).done, true);
});

// ---------------------------------------------------------------------------
// Mailbox
// ---------------------------------------------------------------------------

Deno.test("Mailbox.next() returns pushed items in order", async () => {
  const box = new Mailbox<number>(10);
  assert.equal(box.size, 0);
  assert.equal(box.push(1), true);
  assert.equal(box.push(2), true);
  assert.equal(box.push(3), true);
  assert.equal(box.size, 3);
  assert.deepEqual(await box.next(), { done: false, value: 1 });
  assert.deepEqual(await box.next(), { done: false, value: 2 });
  assert.equal(box.push(4), true);
  assert.deepEqual(await box.next(), { done: false, value: 3 });
  assert.deepEqual(await box.next(), { done: false, value: 4 });
  assert.equal(box.size, 0);
  assert.equal(box.closed, false);
});

Deno.test("Mailbox.push() refuses items past the limit", async () => {
  const box = new Mailbox<string>(2);
  assert.equal(box.push("a"), true);
  assert.equal(box.push("b"), true);
  assert.equal(box.push("c"), false);
  assert.equal(box.size, 2);
  assert.deepEqual(await box.next(), { done: false, value: "a" });
  assert.equal(box.push("d"), true);
  assert.equal(box.push("e"), false);
  assert.deepEqual(await box.next(), { done: false, value: "b" });
  assert.deepEqual(await box.next(), { done: false, value: "d" });
});

Deno.test("Mailbox.close() lets the reader drain queued items, then done", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  box.push("b");
  box.close();
  assert.equal(box.closed, true);
  assert.equal(box.push("c"), false);
  assert.deepEqual(await box.next(), { done: false, value: "a" });
  assert.deepEqual(await box.next(), { done: false, value: "b" });
  assert.deepEqual(await box.next(), { done: true, value: undefined });
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.abort() drops queued items and ends the reader", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  box.push("b");
  box.abort();
  assert.equal(box.closed, true);
  assert.equal(box.size, 0);
  assert.equal(box.push("c"), false);
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.return() aborts like abort()", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  assert.deepEqual(await box.return(), { done: true, value: undefined });
  assert.equal(box.closed, true);
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.next() waiting is woken by push()", async () => {
  const box = new Mailbox<string>(1);
  const waiting = box.next();
  assert.equal(box.push("x"), true);
  assert.equal(box.size, 0);
  assert.deepEqual(await waiting, { done: false, value: "x" });
  // The woken reader took it: the queue has room for the limit again.
  assert.equal(box.push("y"), true);
  assert.equal(box.push("z"), false);
});

Deno.test("Mailbox.next() waiting is woken by close() and by abort()", async () => {
  const closed = new Mailbox<string>(1);
  const a = closed.next();
  closed.close();
  assert.deepEqual(await a, { done: true, value: undefined });
  const aborted = new Mailbox<string>(1);
  const b = aborted.next();
  aborted.abort();
  assert.deepEqual(await b, { done: true, value: undefined });
});

Deno.test("Mailbox keeps order across its internal compaction", async () => {
  const box = new Mailbox<number>(5000);
  for (let i = 0; i < 3000; i++) assert.equal(box.push(i), true);
  for (let i = 0; i < 2000; i++) assert.equal((await box.next()).value, i);
  for (let i = 3000; i < 4000; i++) assert.equal(box.push(i), true);
  assert.equal(box.size, 2000);
  for (let i = 2000; i < 4000; i++) assert.equal((await box.next()).value, i);
  assert.equal(box.size, 0);
});

Deno.test("Mailbox works as an async iterator with for await", async () => {
  const box = new Mailbox<number>(5);
  box.push(1);
  box.push(2);
  box.close();
  const got: number[] = [];
  for await (const n of { [Symbol.asyncIterator]: () => box }) got.push(n);
  assert.deepEqual(got, [1, 2]);
});

// ---------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------

function seqs(history: History, after: number): number[] {
  return [...history.after(after)].map((e) => e.seq);
}

/** Appends `say(text)` as entry `seq` to everyone; returns the entry. */
function add(history: History, seq: number, text: string, weight = 1) {
  return history.append({ seq, route: {}, message: say(text) }, weight);
}

Deno.test("History.lostUpTo and History.size follow the appended entries", () => {
  const history = new History(3);
  assert.equal(history.lostUpTo, 0);
  assert.equal(history.size, 0);
  assert.deepEqual(seqs(history, 0), []);
  const entry = history.append({
    seq: 1,
    route: { to_client: "a1" },
    message: say("m1"),
  });
  assert.equal(entry.seq, 1);
  assert.deepEqual(entry.route, { to_client: "a1" });
  assert.equal(label(entry.message), "m1");
  add(history, 2, "m2");
  add(history, 3, "m3");
  assert.equal(history.lostUpTo, 0);
  assert.equal(history.size, 3);
  add(history, 4, "m4");
  assert.equal(history.lostUpTo, 1);
  assert.equal(history.size, 3);
});

Deno.test("History.after() returns the kept entries after seq, with gaps in the numbers", () => {
  const history = new History(3);
  // another history (presence) took the odd numbers: this one has gaps
  for (let seq = 2; seq <= 16; seq += 2) add(history, seq, `m${seq}`);
  assert.equal(history.lostUpTo, 10);
  const cases: [number, number[]][] = [
    [0, [12, 14, 16]],
    [10, [12, 14, 16]],
    [11, [12, 14, 16]],
    [12, [14, 16]],
    [13, [14, 16]],
    [15, [16]],
    [16, []],
    [100, []],
    [-5, [12, 14, 16]],
  ];
  for (const [after, expect] of cases) {
    assert.deepEqual(seqs(history, after), expect, `after(${after})`);
  }
  assert.deepEqual(
    [...history.after(12)].map((e) => label(e.message)),
    ["m14", "m16"],
  );
});

Deno.test("History counts each entry's weight against its capacity, and keeps the newest", () => {
  const history = new History(10);
  add(history, 1, "a", 4);
  add(history, 2, "b", 4);
  add(history, 3, "c", 2);
  assert.deepEqual(seqs(history, 0), [1, 2, 3]);
  add(history, 4, "d", 1); // 11 > 10: a goes
  assert.deepEqual(seqs(history, 0), [2, 3, 4]);
  assert.equal(history.lostUpTo, 1);
  add(history, 5, "e", 50); // heavier than the capacity: kept alone
  assert.deepEqual(seqs(history, 0), [5]);
  assert.equal(history.lostUpTo, 4);
});

Deno.test("History with capacity below 1 keeps one entry", () => {
  for (const capacity of [0, -3]) {
    const history = new History(capacity);
    add(history, 1, "a");
    add(history, 2, "b");
    assert.equal(history.lostUpTo, 1);
    assert.equal(history.size, 1);
    assert.deepEqual([...history.after(0)].map((e) => label(e.message)), ["b"]);
  }
});

Deno.test("History keeps its order across many entries (compaction)", () => {
  const history = new History(100);
  for (let seq = 1; seq <= 5000; seq++) add(history, seq, `m${seq}`);
  assert.equal(history.size, 100);
  assert.equal(history.lostUpTo, 4900);
  assert.deepEqual(seqs(history, 4997), [4998, 4999, 5000]);
  assert.equal(seqs(history, 0)[0], 4901);
});

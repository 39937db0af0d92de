/**
 * `Hub.route()` and its primitives on an in-process hub: the welcome cursor,
 * exact delivery to the addressed subscribers, event numbering, frozen shared
 * messages and the delivered count.
 * @module
 */
import assert from "node:assert/strict";
import { type HubMessage, HubMessageSchema } from "../src/contract/mod.ts";
import { Hub, type RouteReceipt } from "../src/hub/mod.ts";
import {
  type Deliveries,
  FakeHandle,
  fourClients,
  join,
  label,
  makeHub,
  pullItem,
  say,
  T0,
} from "./_hub.ts";

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

import assert from "node:assert/strict";
import {
  ANNOUNCED_BY_DEFAULT,
  type ClientType,
  type HubMessage,
  HubMessageSchema,
  PRESENCE_BY_DEFAULT,
} from "../src/contract/mod.ts";
import {
  type Connection,
  Hub,
  type HubDelivery,
  type HubOptions,
} from "../src/hub/mod.ts";
import { FakeClock } from "./_fake_clock.ts";

// The presence policy of the hub (issue 12): who gets presence, how it is
// coalesced per window, and that it never flushes the resume history.

type Deliveries = AsyncGenerator<HubDelivery, void, undefined>;

const noHandle = { close: () => {} };

/** A hub on a fake clock, announcing presence at most once per `windowMs`. */
function makeHub(windowMs: number, options: HubOptions = {}) {
  const clock = new FakeClock();
  const hub = new Hub({
    now: clock.now,
    setTimer: clock.setTimer,
    presenceWindowMs: windowMs,
    bootId: "p1",
    ...options,
  });
  return { hub, clock };
}

/** Connects and subscribes; the welcome is read. */
async function join(
  hub: Hub,
  clientId: string,
  clientType: ClientType,
  options: { presence?: boolean; observers?: boolean; lastEventId?: string } =
    {},
): Promise<{ conn: Connection; gen: Deliveries; welcome: HubDelivery }> {
  const conn = hub.connect({ client_id: clientId, client_type: clientType }, {
    close: () => {},
  });
  const gen = hub.subscribe(conn, options);
  const first = await gen.next();
  assert.equal(first.done, false);
  return { conn, gen, welcome: first.value as HubDelivery };
}

const FENCE = "__fence__";

/** Routes a fence to everyone and returns what `gen` got before it. */
async function drain(hub: Hub, gens: Deliveries[]): Promise<HubMessage[][]> {
  hub.route({
    message_type: "agent_message",
    client_id: "gm",
    timestamp: 1,
    agent_name: "GM",
    message_text: FENCE,
  });
  const out: HubMessage[][] = [];
  for (const gen of gens) {
    const got: HubMessage[] = [];
    for (let i = 0; i < 10_000; i++) {
      const next = await gen.next();
      assert.equal(next.done, false, "the stream ended before the fence");
      const { message } = next.value as HubDelivery;
      if (message.message_type === "agent_message") {
        if (message.message_text === FENCE) break;
      }
      got.push(message);
    }
    out.push(got);
  }
  return out;
}

/** Opens and closes `count` connections, each with its own id. */
function churn(hub: Hub, count: number, prefix = "c"): void {
  for (let i = 0; i < count; i++) {
    const conn = hub.connect(
      { client_id: `${prefix}${i}`, client_type: "ui" },
      noHandle,
    );
    hub.disconnect(conn, "gone");
  }
}

Deno.test("PRESENCE_BY_DEFAULT: ui and observer subscribers get presence, agents only when they ask", async () => {
  assert.deepEqual(PRESENCE_BY_DEFAULT, ["ui", "observer"]);
  const { hub } = makeHub(0);
  const ui = await join(hub, "u1", "ui");
  const observer = await join(hub, "o1", "observer");
  const agent = await join(hub, "a1", "agent");
  const asking = await join(hub, "a2", "agent", { presence: true });
  const declining = await join(hub, "u2", "ui", { presence: false });
  hub.connect({ client_id: "newcomer", client_type: "agent" }, noHandle);
  const got = await drain(hub, [
    ui.gen,
    observer.gen,
    agent.gen,
    asking.gen,
    declining.gen,
  ]);
  const about = (messages: HubMessage[]) =>
    messages.filter((m) => m.client_id === "newcomer").map((m) =>
      m.message_type
    );
  assert.deepEqual(got.map(about), [
    ["connection"],
    ["connection"],
    [],
    ["connection"],
    [],
  ]);
  for (const s of [ui, observer, agent, asking, declining]) {
    await s.gen.return();
  }
});

Deno.test("Hub.subscribe() with observers: false announces agents and ui clients only, and an id an observer took over as leaving", async () => {
  assert.deepEqual(ANNOUNCED_BY_DEFAULT, ["agent", "ui"]);
  const { hub } = makeHub(0);
  const every = await join(hub, "u1", "ui");
  const lobby = await join(hub, "o1", "observer", { observers: false });
  const viewer = hub.connect(
    { client_id: "v1", client_type: "observer" },
    noHandle,
  );
  hub.disconnect(viewer, "gone");
  hub.connect({ client_id: "p1", client_type: "agent" }, noHandle);
  hub.connect({ client_id: "p1", client_type: "observer" }, noHandle);
  const [all, announced] = await drain(hub, [every.gen, lobby.gen]);
  const seen = (messages: HubMessage[] | undefined) =>
    (messages ?? []).map((m) =>
      m.message_type === "disconnection"
        ? `${m.message_type}:${m.client_id}:${m.data.client_type}`
        : `${m.message_type}:${m.client_id}`
    );
  assert.deepEqual(seen(all), [
    "connection:o1",
    "connection:v1",
    "disconnection:v1:observer",
    "connection:p1",
    "connection:p1",
  ]);
  // the observers' own comings and goings are not announced; p1, announced
  // as an agent, left when an observer took its id over
  assert.deepEqual(seen(announced), [
    "connection:p1",
    "disconnection:p1:agent",
  ]);
  await every.gen.return();
  await lobby.gen.return();
});

Deno.test("Hub presence: one change in a window is the original message, several are one presence_diff", async () => {
  const { hub, clock } = makeHub(200);
  const ui = await join(hub, "u1", "ui");
  await clock.advance(500); // u1's own announcement opened a window: let it pass
  const first = hub.connect(
    { client_id: "b1", client_type: "agent" },
    noHandle,
  );
  const [alone] = await drain(hub, [ui.gen]); // the first change goes at once
  assert.deepEqual(alone?.map((m) => m.message_type), ["connection"]);
  hub.connect({ client_id: "b2", client_type: "ui" }, noHandle);
  hub.disconnect(first, "bye");
  hub.connect({ client_id: "b3", client_type: "observer" }, noHandle);
  assert.deepEqual(await drain(hub, [ui.gen]), [[]], "held for the window");
  await clock.advance(200);
  const [[diff, ...rest] = []] = await drain(hub, [ui.gen]);
  assert.deepEqual(rest, []);
  assert.ok(diff?.message_type === "presence_diff", JSON.stringify(diff));
  assert.ok(HubMessageSchema.safeParse(diff).success);
  assert.equal(diff.client_id, "server");
  assert.deepEqual(diff.data.joins.map((m) => [m.client_id, m.data]), [
    ["b2", {
      client_type: "ui",
      connected_at: (clock.time - 200) / 1000,
      reconnected: false,
    }],
    ["b3", {
      client_type: "observer",
      connected_at: (clock.time - 200) / 1000,
      reconnected: false,
    }],
  ]);
  assert.deepEqual(diff.data.leaves, [{
    message_type: "disconnection",
    client_id: "b1",
    timestamp: (clock.time - 200) / 1000,
    data: { client_type: "agent", reason: "bye" },
  }]);
  assert.equal(clock.pending, 0);
  await ui.gen.return();
});

Deno.test("Hub presence: a client opening and closing 500 connections costs each other subscriber at most one delivery per window, an agent none", async () => {
  const { hub, clock } = makeHub(200);
  const ui = await join(hub, "u1", "ui");
  const observer = await join(hub, "o1", "observer");
  const agent = await join(hub, "a1", "agent");
  await clock.advance(500); // o1 and a1 were announced together
  await drain(hub, [ui.gen, observer.gen, agent.gen]);
  churn(hub, 500); // within one window
  await clock.advance(200);
  // the same id again and again (each takes the last one's place)
  for (let i = 0; i < 500; i++) {
    hub.connect({ client_id: "same", client_type: "ui" }, noHandle);
  }
  await clock.advance(200);
  const got = await drain(hub, [ui.gen, observer.gen, agent.gen]);
  const [toUi = [], toObserver = [], toAgent = []] = got;
  // a window had just been announced (the fake clock fires it at the end
  // of the advance), so the churn fell in the next one, where every
  // connection came and went: nothing; then "same", once, the last of the
  // 500 that took each other's place
  assert.deepEqual(toUi.map((m) => `${m.message_type}:${m.client_id}`), [
    "connection:same",
  ]);
  const last = toUi.at(-1);
  assert.ok(last?.message_type === "connection");
  assert.equal(last.data.reconnected, true);
  assert.deepEqual(toObserver, toUi);
  assert.deepEqual(toAgent, []);
  await clock.advance(1000);
  assert.deepEqual(await drain(hub, [ui.gen]), [[]]);
  for (const s of [ui, observer, agent]) await s.gen.return();
});

Deno.test("Hub presence: 2,000 connects and disconnects do not flush the resume history (no EVENTS_LOST)", async () => {
  const { hub } = makeHub(0, { historySize: 100 });
  const reader = await join(hub, "r1", "agent");
  hub.route({
    message_type: "agent_message",
    client_id: "gm",
    timestamp: 1,
    agent_name: "GM",
    message_text: "for r1",
  }, { to_client: "r1" });
  const cursor = reader.welcome.id;
  hub.disconnect(reader.conn, "away");
  churn(hub, 1000); // 2,000 presence changes, each announced at once
  const back = await join(hub, "r1", "agent", { lastEventId: cursor });
  const [missed] = await drain(hub, [back.gen]);
  assert.deepEqual(
    missed?.map((m) =>
      m.message_type === "agent_message" ? m.message_text : m.message_type
    ),
    ["for r1"],
  );
  await back.gen.return();
});

Deno.test("Hub presence: a presence subscriber resuming gets the presence it missed, from its own history", async () => {
  const { hub } = makeHub(0, { historySize: 100 });
  const watcher = await join(hub, "w1", "ui");
  const cursor = watcher.welcome.id;
  hub.disconnect(watcher.conn, "away");
  hub.connect({ client_id: "late", client_type: "agent" }, noHandle);
  churn(hub, 10);
  const back = await join(hub, "w1", "ui", { lastEventId: cursor });
  const [missed = []] = await drain(hub, [back.gen]);
  const labels = missed.map((m) => `${m.message_type}:${m.client_id}`);
  assert.equal(labels[0], "connection:late");
  assert.equal(labels.length, 21); // late, then 10 joins and 10 leaves
  assert.ok(!labels.some((l) => l.endsWith(":w1")), "nothing about itself");
  // presence older than its history is not replayed, and not an error
  const { hub: small } = makeHub(0, { historySize: 5 });
  const w = await join(small, "w1", "ui");
  small.disconnect(w.conn, "away");
  churn(small, 50);
  const again = await join(small, "w1", "ui", { lastEventId: w.welcome.id });
  const [replayed = []] = await drain(small, [again.gen]);
  // the last 5 announcements are kept; the newest is w1's own return
  assert.equal(replayed.length, 4);
  assert.ok(replayed.every((m) => m.message_type !== "error"));
  await back.gen.return();
  await again.gen.return();
});

Deno.test("Hub.close() cancels a pending presence window and announces nothing more", async () => {
  const { hub, clock } = makeHub(200);
  const ui = await join(hub, "u1", "ui");
  hub.connect({ client_id: "b1", client_type: "agent" }, noHandle);
  assert.equal(clock.pending, 1);
  hub.close();
  assert.equal(clock.pending, 0);
  hub.connect({ client_id: "b2", client_type: "agent" }, noHandle);
  await clock.advance(1000);
  assert.deepEqual(await drain(hub, [ui.gen]), [[]]);
  await ui.gen.return();
});

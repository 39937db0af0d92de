/**
 * `Hub.subscribe()` with `lastEventId` on an in-process hub: exact replay of
 * what a client missed, empty backlogs, and `EVENTS_LOST` for ids older than
 * the history or foreign, future or garbage ones.
 * @module
 */
import assert from "node:assert/strict";
import { HubMessageSchema } from "../src/contract/mod.ts";
import {
  END,
  FakeHandle,
  join,
  label,
  makeHub,
  pull,
  pullItem,
  readUntilEnd,
  say,
} from "./_hub.ts";

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

/**
 * How a hub subscription ends: a slow consumer closed with 4003 (and one that
 * keeps up left alone), an aborted signal, and the generator's `return()`.
 * @module
 */
import assert from "node:assert/strict";
import { CLOSE_SLOW_CONSUMER } from "../src/hub/mod.ts";
import {
  FakeHandle,
  join,
  label,
  makeHub,
  pull,
  pullItem,
  say,
} from "./_hub.ts";

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

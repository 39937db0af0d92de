import assert from "node:assert/strict";
import type { HubMessage } from "../src/contract/mod.ts";
import { type ConnectionHandle, Hub } from "../src/hub/mod.ts";

const handle: ConnectionHandle = { close: () => {} };

function say(text: string): HubMessage {
  return {
    message_type: "agent_message",
    client_id: "game_master",
    timestamp: 1,
    agent_name: "GM",
    message_text: text,
  };
}

Deno.test("Hub.route delivers to the subscribed clients among many connected ones, and follows subscriptions that end and start again", async () => {
  const hub = new Hub({ bootId: "t1", now: () => 1_700_000_000_000 });
  for (let i = 0; i < 20; i++) {
    hub.connect({ client_id: `idle-${i}`, client_type: "agent" }, handle);
  }
  const ui = hub.connect({ client_id: "ui-1", client_type: "ui" }, handle);
  assert.equal(hub.route(say("nobody")).delivered, 0, "no subscription yet");

  const first = new AbortController();
  const stream = hub.subscribe(ui, { signal: first.signal, presence: false });
  assert.equal((await stream.next()).done, false, "the welcome");
  assert.equal(hub.route(say("one")).delivered, 1);
  const one = await stream.next();
  const got = one.done ? null : one.value.message;
  assert.equal(
    got?.message_type === "agent_message" && got.message_text,
    "one",
  );

  first.abort();
  await stream.return();
  assert.equal(
    hub.route(say("gone")).delivered,
    0,
    "its only subscription ended",
  );

  const again = hub.subscribe(ui, { presence: false });
  await again.next();
  assert.equal(hub.route(say("two")).delivered, 1, "subscribed again");
  assert.equal(
    hub.route(say("to the ui"), { target_types: ["ui"] }).delivered,
    1,
  );
  assert.equal(
    hub.route(say("to agents"), { target_types: ["agent"] }).delivered,
    0,
    "the agents are connected but not subscribed",
  );

  const replacing = hub.connect(
    { client_id: "ui-1", client_type: "ui" },
    handle,
  );
  assert.equal(
    hub.route(say("replaced")).delivered,
    0,
    "the old record is dropped",
  );
  const fresh = hub.subscribe(replacing, { presence: false });
  await fresh.next();
  assert.equal(hub.route(say("three")).delivered, 1);
  await again.return();
  await fresh.return();
  hub.close();
});

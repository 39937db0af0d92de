import assert from "node:assert/strict";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";
import type { HubMessage } from "../src/mod.ts";

Deno.test("hub.events resumes after a forced reconnect with lastEventId: nothing missed, nothing twice", async () => {
  await using server = await startTestServer();
  await using watcher = connectClient(server.wsUrl, {
    clientId: "watcher",
    clientType: "ui",
  });
  await using agent = connectClient(server.wsUrl, {
    clientId: "alice",
    clientType: "agent",
  });
  const got = new Collector<{ id: string; data: HubMessage }>();
  const sub = watcher.trpc.hub.events.subscribe(undefined, {
    onData: got.push,
  });
  await got.until(1); // the welcome
  const say = (text: string) =>
    agent.trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: text,
      },
    });
  await say("one");
  await got.until(2);

  // the server drops the watcher's socket; alice speaks while it is away
  const watcherConnection = server.server.hub.get("watcher");
  assert.ok(watcherConnection);
  watcherConnection.handle.close(4000, "test: forced reconnect");
  await say("two");
  await say("three");
  await waitFor(
    () =>
      got.items.some((item) =>
        item.data.message_type === "agent_message" &&
        item.data.message_text === "three"
      ),
    "the missed messages after the reconnect",
  );
  await say("four");
  await waitFor(
    () =>
      got.items.some((item) =>
        "message_text" in item.data && item.data.message_text === "four"
      ),
    "four",
  );
  const texts = got.items.flatMap((item) =>
    item.data.message_type === "agent_message" ? [item.data.message_text] : []
  );
  assert.deepEqual(texts, ["one", "two", "three", "four"]);
  const welcomes = got.items.filter((item) =>
    item.data.message_type === "connection" && item.data.client_id === "watcher"
  );
  assert.equal(welcomes.length, 2);
  assert.equal(
    welcomes[1]?.data.message_type === "connection" &&
      welcomes[1].data.data.reconnected,
    true,
  );
  const ids = got.items.map((item) => item.id);
  sub.unsubscribe();
  assert.ok(ids.every((id) => /^[A-Za-z0-9]+-\d+$/.test(id)));
  await within(Promise.resolve(), 10, "noop");
});

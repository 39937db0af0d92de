import assert from "node:assert/strict";
import type { HubMessage } from "../src/mod.ts";
import { Collector, connectClient, waitFor } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { startCluster } from "./_cluster.ts";

function texts(got: Collector<{ data: HubMessage }>): string[] {
  return got.items.flatMap((item) =>
    item.data.message_type === "agent_message" ? [item.data.message_text] : []
  );
}

Deno.test({
  name:
    "cluster hub: a message published on one instance reaches the hub.events subscribers of every instance, once each; /stats reports this instance's clients and every live instance's",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2);
    const watchers = [0, 1].map((i) =>
      connectClient(cluster.url(i), {
        clientId: `watcher-${i}`,
        clientType: "ui",
      })
    );
    await using agent = connectClient(cluster.url(0), {
      clientId: "alice",
      clientType: "agent",
    });
    const got = watchers.map(() => new Collector<{ data: HubMessage }>());
    const subs = watchers.map((w, i) =>
      w.trpc.hub.events.subscribe(undefined, { onData: got[i]!.push })
    );
    try {
      await Promise.all(got.map((g) => g.until(1))); // the welcomes
      for (const text of ["one", "two", "three"]) {
        await agent.trpc.hub.publish.mutate({
          message: { message_type: "agent_message", message_text: text },
        });
      }
      for (const [i, g] of got.entries()) {
        await waitFor(
          () => texts(g).includes("three"),
          `the messages on instance ${i}`,
          10_000,
        );
      }
      // a last message: by then anything doubled would have come
      await agent.trpc.hub.publish.mutate({
        message: { message_type: "agent_message", message_text: "end" },
      });
      await waitFor(() => got.every((g) => texts(g).includes("end")), "end");
      for (const g of got) {
        assert.deepEqual(texts(g), ["one", "two", "three", "end"]);
      }
      // /stats: this instance's clients, and every live instance's
      const stats = async () =>
        await (await fetch(
          `http://127.0.0.1:${cluster.servers[0]!.port}/stats`,
        )).json();
      const deadline = Date.now() + 10_000;
      let report = await stats();
      while (report.cluster?.total_clients !== 3) {
        assert.ok(Date.now() < deadline, "the heartbeats count 3 clients");
        await new Promise((resolve) => setTimeout(resolve, 100));
        report = await stats();
      }
      assert.equal(report.total_clients, 2, "this instance: watcher-0, alice");
      const ids = report.cluster.instances.map((i: { instance_id: string }) =>
        i.instance_id
      ).sort();
      assert.deepEqual(ids, ["c1", "c2"]);
    } finally {
      for (const sub of subs) sub.unsubscribe();
      for (const w of watchers) await w[Symbol.asyncDispose]();
    }
  },
});

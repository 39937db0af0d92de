/**
 * Presence across the instances on one Redis: a `hub.events` subscriber
 * on one instance is told of the clients that connect to and leave
 * another, and of the clients of an instance killed with SIGKILL once its
 * heartbeat expired.
 * @module
 */
import assert from "node:assert/strict";
import type { HubMessage } from "../src/mod.ts";
import { Collector, connectClient, waitFor } from "./_helpers.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { startCluster } from "./_cluster.ts";

/** A lease short enough that a dead instance's heartbeat expires soon. */
const LEASE_MS = 1500;

/** The presence messages `got` holds about `clientId`, in order. */
function presenceOf(
  got: Collector<{ data: HubMessage }>,
  clientId: string,
): HubMessage[] {
  return got.items.map((item) => item.data).filter((m) =>
    (m.message_type === "connection" || m.message_type === "disconnection") &&
    m.client_id === clientId
  );
}

Deno.test({
  name:
    "cluster presence: a hub.events subscriber on instance c1 sees a client join and leave instance c2, and the clients of c2 killed with SIGKILL leave once its heartbeat expired",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    await using watcher = connectClient(cluster.url(0), {
      clientId: "watcher",
      clientType: "ui",
    });
    const got = new Collector<{ data: HubMessage }>();
    const sub = watcher.trpc.hub.events.subscribe(undefined, {
      onData: got.push,
    });
    try {
      await got.until(1); // the welcome
      {
        await using bob = connectClient(cluster.url(1), {
          clientId: "bob",
          clientType: "agent",
        });
        await bob.trpc.system.ping.query();
        await waitFor(
          () => presenceOf(got, "bob").length === 1,
          "bob's connection on c1",
          10_000,
        );
      }
      await waitFor(
        () => presenceOf(got, "bob").length === 2,
        "bob's disconnection on c1",
        10_000,
      );
      const [joined, left] = presenceOf(got, "bob");
      assert.equal(joined!.message_type, "connection");
      assert.equal(left!.message_type, "disconnection");
      await using carol = connectClient(cluster.url(1), {
        clientId: "carol",
        clientType: "agent",
      });
      await carol.trpc.system.ping.query();
      await waitFor(
        () => presenceOf(got, "carol").length === 1,
        "carol's connection on c1",
        10_000,
      );
      await cluster.servers[1]!.stop("SIGKILL");
      await waitFor(
        () => presenceOf(got, "carol").length === 2,
        "carol's disconnection once c2's heartbeat expired",
        10 * LEASE_MS,
      );
      const gone = presenceOf(got, "carol")[1]!;
      assert.ok(gone.message_type === "disconnection");
      assert.match(gone.data.reason, /instance c2 stopped/);
      assert.equal(gone.data.client_type, "agent");
    } finally {
      sub.unsubscribe();
    }
  },
});

/**
 * The cluster's counts in `GET /health` and `GET /metrics` of an instance
 * on a shared Redis: the live instances, their clients from their
 * heartbeats, the games by status; a killed instance drops out once its
 * heartbeat expired.
 * @module
 */
import assert from "node:assert/strict";
import type { Health } from "../src/mod.ts";
import { METRICS } from "../src/server/mod.ts";
import { connectClient, type TestClient } from "./_helpers.ts";
import { scrape, valueOf } from "./_metrics.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, startCluster } from "./_cluster.ts";

const LEASE_MS = 1500;

/** Polls `read` until `done` holds (at most `tries` times, 100 ms apart). */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  tries = 150,
): Promise<T> {
  let value = await read();
  for (let i = 0; !done(value); i++) {
    assert.ok(i < tries, `${what}: last read ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

Deno.test({
  name:
    "cluster counts: GET /health's cluster and the loupgarou_cluster_* gauges of c1 count both instances' clients and the shared games by status, and drop c2 once it was killed and its heartbeat expired",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(2, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    const http = `http://127.0.0.1:${cluster.servers[0]!.port}`;
    const health = async () =>
      await (await fetch(`${http}/health`)).json() as Health;
    const clients: TestClient[] = [
      connectClient(cluster.url(0), { clientType: "ui", token: ADMIN }),
      connectClient(cluster.url(1), { clientType: "agent" }),
      connectClient(cluster.url(1), { clientType: "observer" }),
    ];
    try {
      await Promise.all(clients.map((c) => c.trpc.system.ping.query()));
      for (const seed of [1, 2]) {
        await clients[0]!.trpc.lobby.createGame.mutate({ players: 6, seed });
      }
      const both = await until(
        health,
        (h) => h.cluster?.instances === 2 && h.cluster.total_clients === 3,
        "both instances' heartbeats with their 3 clients",
      );
      assert.equal(both.total_clients, 1, "this instance: the admin");
      assert.deepEqual(both.cluster!.by_type, { agent: 1, ui: 1, observer: 1 });
      assert.deepEqual(both.cluster!.games, {
        waiting: 2,
        running: 0,
        ended: 0,
      });
      const text = await scrape(http, { authorization: `Bearer ${ADMIN}` });
      assert.equal(valueOf(text, METRICS.clusterInstances.name), 2);
      const clientsOf = (instance: string) =>
        valueOf(text, METRICS.clusterClients.name, { instance });
      assert.deepEqual([clientsOf("c1"), clientsOf("c2")], [1, 2]);
      assert.equal(
        valueOf(text, METRICS.clusterGames.name, { status: "waiting" }),
        2,
      );
      await cluster.servers[1]!.stop("SIGKILL");
      const alone = await until(
        health,
        (h) => h.cluster?.instances === 1,
        "c2's heartbeat expired",
      );
      assert.equal(alone.cluster!.total_clients, 1);
      const after = await scrape(http, { authorization: `Bearer ${ADMIN}` });
      assert.equal(valueOf(after, METRICS.clusterInstances.name), 1);
      assert.ok(
        !after.includes(`${METRICS.clusterClients.name}{instance="c2"}`),
      );
    } finally {
      for (const client of clients) await client[Symbol.asyncDispose]();
    }
  },
});

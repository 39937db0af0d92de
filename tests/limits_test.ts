import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { TokenBucket } from "../src/ws/_rate_limit.ts";
import { connectClient, startTestServer, waitFor } from "./_helpers.ts";

Deno.test("TokenBucket.take() allows a burst, then refills at its rate and says how long to wait", () => {
  let now = 0;
  const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => now);
  assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [0, 0, 0]);
  assert.equal(bucket.take(), 100, "one token every 100 ms");
  now += 50;
  assert.equal(bucket.take(), 50);
  now += 50;
  assert.equal(bucket.take(), 0);
  now += 10_000;
  assert.deepEqual(
    [bucket.take(), bucket.take(), bucket.take(), bucket.take() > 0],
    [0, 0, 0, true],
    "a long pause refills only up to the burst",
  );
});

Deno.test("upgradeTRPCWebSocket() refuses calls over WS_RATE_LIMIT with TOO_MANY_REQUESTS and the wait", async () => {
  await using server = await startTestServer({
    rateLimitPerSecond: 1,
    rateBurst: 3,
  });
  await using client = connectClient(server.wsUrl, { clientType: "ui" });
  await using other = connectClient(server.wsUrl, { clientType: "ui" });
  // four calls in one tick travel in one frame: the fourth is over the burst
  const results = await Promise.allSettled(
    [1, 2, 3, 4].map(() => client.trpc.system.ping.query()),
  );
  assert.deepEqual(results.slice(0, 3).map((r) => r.status), [
    "fulfilled",
    "fulfilled",
    "fulfilled",
  ]);
  const refused = results[3];
  assert.equal(refused?.status, "rejected");
  const error = (refused as PromiseRejectedResult).reason;
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.data?.code, "TOO_MANY_REQUESTS");
  assert.match(
    error.message,
    /1 calls per second .* 3 at once; retry in \d+ ms/,
  );
  // the limit is per connection: another client is not affected
  assert.ok(await other.trpc.system.ping.query());
});

Deno.test("upgradeTRPCWebSocket() caps subscriptions per connection at WS_MAX_SUBSCRIPTIONS", async () => {
  await using server = await startTestServer({ maxSubscriptions: 2 });
  await using client = connectClient(server.wsUrl, { clientType: "ui" });
  const started: string[] = [];
  const errors: string[] = [];
  const open = (name: string) =>
    client.trpc.hub.events.subscribe(undefined, {
      onStarted: () => started.push(name),
      onError: (error) =>
        errors.push(`${name}: ${error.data?.code} ${error.message}`),
    });
  const a = open("a");
  const b = open("b");
  await waitFor(() => started.length === 2, "two subscriptions started");
  const c = open("c");
  await waitFor(() => errors.length === 1, "the third refused");
  assert.match(
    errors[0]!,
    /^c: TOO_MANY_REQUESTS .*2 subscriptions.*subscription\.stop/,
  );
  a.unsubscribe();
  // the stop reaches the server before the next call on the same socket
  const d = open("d");
  await waitFor(() => started.includes("d"), "a new one started after a stop");
  b.unsubscribe();
  c.unsubscribe();
  d.unsubscribe();
});

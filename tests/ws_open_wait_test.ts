/**
 * `WSObserver.opened`'s wait: the milliseconds from a socket's upgrade (the
 * 101 answered) to the runtime's open event, read on the adapter's clock.
 * A saturated process reads its new sockets late (BENCHMARKS.md, "Where a
 * saturated server's frames wait"); this wait is what shows it.
 */
import assert from "node:assert/strict";
import { serveTestRouter } from "./_test_router.ts";
import { client } from "./_ws_adapter_helpers.ts";

Deno.test("WSObserver.opened hears the ms between the upgrade and the open event, on the adapter's clock, once per socket", async () => {
  let reads = 0;
  // each read of the clock is 40 ms after the one before; with no
  // keep-alive (which reads it too), the upgrade reads it once and the
  // open event once, so the wait is 40
  const clock = { now: () => 40 * ++reads, setTimer: () => () => {} };
  const waits: number[] = [];
  {
    await using server = serveTestRouter({
      clock,
      idleTimeoutMs: 0,
      keepAlive: { enabled: false },
      observer: { opened: (waitedMs) => waits.push(waitedMs) },
    });
    // one socket after the other: their reads do not interleave
    await using a = client(server.url);
    assert.equal(await a.trpc.add.mutate({ a: 2, b: 3 }), 5);
    await using b = client(server.url);
    assert.equal(await b.trpc.add.mutate({ a: 1, b: 1 }), 2);
  }
  assert.deepEqual(waits, [40, 40]);
});

Deno.test("WSObserver.opened's wait is on the real clock by default: at least 0 and below the test's own time", async () => {
  const waits: number[] = [];
  const began = performance.now();
  {
    await using server = serveTestRouter({
      observer: { opened: (waitedMs) => waits.push(waitedMs) },
    });
    await using c = client(server.url);
    assert.equal(await c.trpc.add.mutate({ a: 2, b: 3 }), 5);
  }
  assert.equal(waits.length, 1);
  assert.ok(waits[0]! >= 0, `waited ${waits[0]}`);
  assert.ok(waits[0]! <= performance.now() - began, `waited ${waits[0]}`);
});

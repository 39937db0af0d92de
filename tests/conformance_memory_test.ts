/**
 * tRPC's `packages/tests/server/websockets.memory.test.ts` (#6156): once a
 * subscription delivered its values, none of them stays reachable while it
 * waits for the next. The server runs in a process of its own with
 * `--expose-gc` (ours with `--v8-flags=--expose-gc`), and `control.alive`
 * collects garbage there and reads the WeakRefs.
 * @module
 */
import assert from "node:assert/strict";
import { waitFor } from "./_helpers.ts";
import { conformance, sleep } from "./_conformance.ts";

const BYTES = 1024 * 1024;

conformance(
  "websockets.memory.test.ts",
  "subscription memory › should free data after each iteration (#6156)",
  {},
  async (s) => {
    const { client } = s.connect();
    let started = false;
    const lengths: number[] = [];
    const subscription = client.onData.subscribe(undefined, {
      onStarted: () => (started = true),
      onData: (data) => lengths.push((data as unknown[]).length),
    });
    await waitFor(() => started, "the subscription");
    await s.control.control.emitData.mutate(BYTES);
    await s.control.control.emitData.mutate(BYTES);
    await waitFor(() => lengths.length === 2, "both values delivered");
    assert.deepEqual(lengths, [1, 1]); // `on()` yields the emit's arguments
    await sleep(0);
    // the subscription is waiting for a third value: neither is pinned
    assert.deepEqual(await s.control.control.alive.query(), [false, false]);
    subscription.unsubscribe();
  },
  { gc: true },
);

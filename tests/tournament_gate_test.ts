/**
 * The runner's concurrency gate (`tournament/_gate.ts`): a game holds every
 * slot it needs or waits, and waiters start in schedule order.
 * @module
 */
import assert from "node:assert/strict";
import { type Claim, Gate } from "../tournament/_gate.ts";

const claim = (limits: Record<string, number>): Claim => ({
  limits: new Map(Object.entries(limits)),
});

Deno.test("Gate holds a game until every one of its slots (all, model, agent) is free, and starts waiters in order", async () => {
  const gate = new Gate();
  const started: string[] = [];
  const a = claim({ all: 3, "model:m": 1 });
  const b = claim({ all: 3, "model:m": 1 });
  const c = claim({ all: 3, "agent:x": 1 });
  const d = claim({ all: 3, "agent:x": 1 });
  const start = (name: string, what: Claim) =>
    gate.acquire(what).then(() => started.push(name));
  const all = [start("a", a), start("b", b), start("c", c), start("d", d)];
  await Promise.resolve();
  await Promise.resolve();
  // b waits for model m; c and d wait behind b (in order), though c fits
  assert.deepEqual(started, ["a"]);
  gate.release(a);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(started, ["a", "b", "c"]);
  gate.release(c);
  await Promise.all(all);
  assert.deepEqual(started, ["a", "b", "c", "d"]);
});

Deno.test("Gate never lets more than `all` games in at once", async () => {
  const gate = new Gate();
  let inside = 0;
  let most = 0;
  await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    const mine = claim({ all: 4 });
    await gate.acquire(mine);
    inside++;
    most = Math.max(most, inside);
    for (let k = 0; k < i % 3; k++) await Promise.resolve();
    inside--;
    gate.release(mine);
  }));
  assert.equal(most, 4);
});

/**
 * The kit's bounded `Mailbox`: order, the limit, `close()` draining, `abort()` and
 * `return()` dropping, waking a waiting reader, compaction, async iteration
 * and `stopOn()`.
 * @module
 */
import assert from "node:assert/strict";
import { Mailbox } from "../src/kit/mod.ts";

Deno.test("Mailbox.stopOn() ends the reader on abort and calls onStop exactly once", async () => {
  const mailbox = new Mailbox<number>(10);
  const abort = new AbortController();
  let stops = 0;
  const release = mailbox.stopOn(abort.signal, () => stops++);
  const waiting = mailbox.next();
  abort.abort();
  assert.deepEqual(await waiting, { done: true, value: undefined });
  release(); // after the abort: nothing more happens
  assert.equal(stops, 1);
  assert.equal(mailbox.push(1), false, "an aborted mailbox takes nothing");
});

Deno.test("Mailbox.stopOn() with an aborted signal stops at once; release without abort stops too", () => {
  let stops = 0;
  const dead = new Mailbox<number>(10);
  dead.stopOn(AbortSignal.abort(), () => stops++);
  assert.equal(stops, 1);
  assert.equal(dead.closed, true);
  const live = new Mailbox<number>(10);
  const release = live.stopOn(new AbortController().signal, () => stops++);
  release();
  release();
  assert.equal(stops, 2);
  assert.equal(live.closed, true);
});

Deno.test("Mailbox.drain() yields mapped items in order, skips nulls, and ends with the mailbox", async () => {
  const mailbox = new Mailbox<number>(10);
  for (const n of [1, 2, 3, 4]) mailbox.push(n);
  mailbox.close();
  const out: string[] = [];
  for await (
    const item of mailbox.drain((n) => (n % 2 === 0 ? null : `#${n}`))
  ) out.push(item);
  assert.deepEqual(out, ["#1", "#3"]);
});

Deno.test("Mailbox.poll() hands over queued items in order at once, and undefined when none is queued", async () => {
  const mailbox = new Mailbox<number>(10);
  assert.equal(mailbox.poll(), undefined);
  mailbox.push(1);
  mailbox.push(2);
  assert.deepEqual(mailbox.poll(), { done: false, value: 1 });
  assert.deepEqual(await mailbox.next(), { done: false, value: 2 });
  assert.equal(mailbox.poll(), undefined);
  mailbox.push(3);
  mailbox.close();
  assert.deepEqual(mailbox.poll(), { done: false, value: 3 });
  assert.equal(
    mailbox.poll(),
    undefined,
    "the end is told by next(), not poll()",
  );
  assert.deepEqual(await mailbox.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.next() returns pushed items in order", async () => {
  const box = new Mailbox<number>(10);
  assert.equal(box.size, 0);
  assert.equal(box.push(1), true);
  assert.equal(box.push(2), true);
  assert.equal(box.push(3), true);
  assert.equal(box.size, 3);
  assert.deepEqual(await box.next(), { done: false, value: 1 });
  assert.deepEqual(await box.next(), { done: false, value: 2 });
  assert.equal(box.push(4), true);
  assert.deepEqual(await box.next(), { done: false, value: 3 });
  assert.deepEqual(await box.next(), { done: false, value: 4 });
  assert.equal(box.size, 0);
  assert.equal(box.closed, false);
});

Deno.test("Mailbox.push() refuses items past the limit", async () => {
  const box = new Mailbox<string>(2);
  assert.equal(box.push("a"), true);
  assert.equal(box.push("b"), true);
  assert.equal(box.push("c"), false);
  assert.equal(box.size, 2);
  assert.deepEqual(await box.next(), { done: false, value: "a" });
  assert.equal(box.push("d"), true);
  assert.equal(box.push("e"), false);
  assert.deepEqual(await box.next(), { done: false, value: "b" });
  assert.deepEqual(await box.next(), { done: false, value: "d" });
});

Deno.test("Mailbox.close() lets the reader drain queued items, then done", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  box.push("b");
  box.close();
  assert.equal(box.closed, true);
  assert.equal(box.push("c"), false);
  assert.deepEqual(await box.next(), { done: false, value: "a" });
  assert.deepEqual(await box.next(), { done: false, value: "b" });
  assert.deepEqual(await box.next(), { done: true, value: undefined });
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.abort() drops queued items and ends the reader", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  box.push("b");
  box.abort();
  assert.equal(box.closed, true);
  assert.equal(box.size, 0);
  assert.equal(box.push("c"), false);
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.return() aborts like abort()", async () => {
  const box = new Mailbox<string>(5);
  box.push("a");
  assert.deepEqual(await box.return(), { done: true, value: undefined });
  assert.equal(box.closed, true);
  assert.deepEqual(await box.next(), { done: true, value: undefined });
});

Deno.test("Mailbox.next() waiting is woken by push()", async () => {
  const box = new Mailbox<string>(1);
  const waiting = box.next();
  assert.equal(box.push("x"), true);
  assert.equal(box.size, 0);
  assert.deepEqual(await waiting, { done: false, value: "x" });
  // The woken reader took it: the queue has room for the limit again.
  assert.equal(box.push("y"), true);
  assert.equal(box.push("z"), false);
});

Deno.test("Mailbox.next() waiting is woken by close() and by abort()", async () => {
  const closed = new Mailbox<string>(1);
  const a = closed.next();
  closed.close();
  assert.deepEqual(await a, { done: true, value: undefined });
  const aborted = new Mailbox<string>(1);
  const b = aborted.next();
  aborted.abort();
  assert.deepEqual(await b, { done: true, value: undefined });
});

Deno.test("Mailbox keeps order across its internal compaction", async () => {
  const box = new Mailbox<number>(5000);
  for (let i = 0; i < 3000; i++) assert.equal(box.push(i), true);
  for (let i = 0; i < 2000; i++) assert.equal((await box.next()).value, i);
  for (let i = 3000; i < 4000; i++) assert.equal(box.push(i), true);
  assert.equal(box.size, 2000);
  for (let i = 2000; i < 4000; i++) assert.equal((await box.next()).value, i);
  assert.equal(box.size, 0);
});

Deno.test("Mailbox works as an async iterator with for await", async () => {
  const box = new Mailbox<number>(5);
  box.push(1);
  box.push(2);
  box.close();
  const got: number[] = [];
  for await (const n of { [Symbol.asyncIterator]: () => box }) got.push(n);
  assert.deepEqual(got, [1, 2]);
});

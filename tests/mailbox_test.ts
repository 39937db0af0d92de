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

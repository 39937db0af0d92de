import assert from "node:assert/strict";
import { pump } from "../src/ws/_pump.ts";

const LIMITS = {
  highWaterMark: 1 << 20,
  maxBufferedBytes: 8 << 20,
  slowConsumerMs: 1000,
};

/** An iterator over `values` that has `poll` for the first `ready` of them. */
function pollable(values: number[], ready: number) {
  const calls = { poll: 0, next: 0 };
  let at = 0;
  const iterator = {
    [Symbol.asyncIterator]: () => iterator,
    poll: (): IteratorResult<number, undefined> | undefined => {
      calls.poll++;
      return at < ready ? { done: false, value: values[at++]! } : undefined;
    },
    next: (): Promise<IteratorResult<number, undefined>> => {
      calls.next++;
      return Promise.resolve(
        at < values.length
          ? { done: false, value: values[at++]! }
          : { done: true, value: undefined },
      );
    },
  };
  return { iterator, calls };
}

Deno.test("pump() sends what the iterator's poll() has ready without next(), then awaits next() in order", async () => {
  const { iterator, calls } = pollable([1, 2, 3, 4, 5], 3);
  const sent: unknown[] = [];
  const completed = await pump(iterator, {
    deliver: (result) => sent.push((result as { data: unknown }).data),
    bufferedAmount: 0,
    isOpen: () => true,
    close: () => {},
  }, { signal: new AbortController().signal, limits: LIMITS });
  assert.equal(completed, true);
  assert.deepEqual(sent, [1, 2, 3, 4, 5]);
  assert.equal(calls.next, 3, "next() only for 4, 5 and the end");
  assert.ok(calls.poll >= 6);
});

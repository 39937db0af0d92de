/**
 * The operator's calls per bucket, DOM-free and with an injected clock:
 * `CallRing` (the server's ring over `loupgarou_calls_total`'s totals) and
 * the page's rates of `web/operator_model.ts`.
 * @module
 */
import assert from "node:assert/strict";
import { type Overview, RATE_BUCKET_S, RATE_BUCKETS } from "../src/mod.ts";
import { CallRing } from "../src/server/_call_ring.ts";
import { errorTotal, rateLines } from "../web/operator_model.ts";

const W = RATE_BUCKET_S * 1000;
const T0 = 1_000_000 * W; // a bucket's start

Deno.test("CallRing: each bucket holds the counter's growth over it, errors by code; the last is the one filling; a missed bucket is empty; at most RATE_BUCKETS", () => {
  const ring = new CallRing(T0 + 100, new Map());
  ring.roll(T0 + 2000, new Map([["OK", 3]])); // same bucket: nothing closes
  ring.roll(T0 + W + 10, new Map([["OK", 5], ["NOT_FOUND", 1]]));
  let buckets = ring.buckets(
    T0 + 3 * W + 1,
    new Map([["OK", 9], ["NOT_FOUND", 1], ["FORBIDDEN", 2]]),
  );
  assert.deepEqual(buckets, [
    { at: T0, calls: 6, errors: { NOT_FOUND: 1 } },
    { at: T0 + W, calls: 6, errors: { FORBIDDEN: 2 } }, // rolled late: all here
    { at: T0 + 2 * W, calls: 0, errors: {} },
    { at: T0 + 3 * W, calls: 0, errors: {} },
  ]);
  buckets = ring.buckets(T0 + 1000 * W, new Map([["OK", 10]]));
  assert.equal(buckets.length, RATE_BUCKETS);
  assert.equal(buckets.at(-1)?.at, T0 + 1000 * W);
  assert.equal(buckets.reduce((sum, b) => sum + b.calls, 0), 0);
  const next = ring.buckets(T0 + 1000 * W + 10, new Map([["OK", 14]]));
  assert.equal(next.at(-1)?.calls, 4);
});

Deno.test("rateLines: calls and each error code per second, the bucket still filling divided by the seconds it ran; errorTotal sums every code but OK", () => {
  const overview = {
    at: T0 + W + 2000,
    calls: {
      bucketS: RATE_BUCKET_S,
      total: 17,
      byCode: { OK: 14, NOT_FOUND: 2, FORBIDDEN: 1 },
      buckets: [
        { at: T0, calls: 10, errors: { NOT_FOUND: 2 } },
        { at: T0 + W, calls: 7, errors: { FORBIDDEN: 1 } },
      ],
    },
  } as unknown as Overview;
  assert.deepEqual(rateLines(overview), [
    { code: null, rates: [10 / RATE_BUCKET_S, 3.5] },
    { code: "FORBIDDEN", rates: [0, 0.5] },
    { code: "NOT_FOUND", rates: [2 / RATE_BUCKET_S, 0] },
  ]);
  assert.equal(errorTotal(overview), 3);
});

import {
  RATE_BUCKET_S,
  RATE_BUCKETS,
  type RateBucket,
} from "../contract/mod.ts";

/** Calls answered since the start, by code (`OK` or a tRPC error code). */
export type CodeTotals = ReadonlyMap<string, number>;

const WIDTH_MS = RATE_BUCKET_S * 1000;

/**
 * The calls per bucket of {@linkcode RATE_BUCKET_S} seconds (aligned on
 * the epoch), the last {@linkcode RATE_BUCKETS} of them: each bucket is
 * the difference of the call counter's totals between its start and its
 * end, so the ring never counts a call of its own. `roll` closes the
 * buckets that ended (the server calls it each bucket; a bucket missed
 * while the event loop was busy holds its calls in the next one).
 */
export class CallRing {
  #done: RateBucket[] = [];
  #start: number;
  #base: CodeTotals;

  /** A ring starting at `now` (epoch ms) from the counter's `totals`. */
  constructor(now: number, totals: CodeTotals) {
    this.#start = bucketStart(now);
    this.#base = new Map(totals);
  }

  /** Closes the buckets that ended by `now`, reading the counter's `totals`. */
  roll(now: number, totals: CodeTotals): void {
    const start = bucketStart(now);
    if (start <= this.#start) return;
    this.#push(bucketOf(this.#start, totals, this.#base));
    const first = Math.max(
      this.#start + WIDTH_MS,
      start - RATE_BUCKETS * WIDTH_MS,
    );
    for (let at = first; at < start; at += WIDTH_MS) {
      this.#push({ at, calls: 0, errors: {} });
    }
    this.#start = start;
    this.#base = new Map(totals);
  }

  /** The buckets, oldest first; the last is the one still filling. */
  buckets(now: number, totals: CodeTotals): RateBucket[] {
    this.roll(now, totals);
    return [...this.#done, bucketOf(this.#start, totals, this.#base)];
  }

  #push(bucket: RateBucket): void {
    this.#done.push(bucket);
    if (this.#done.length > RATE_BUCKETS - 1) this.#done.shift();
  }
}

function bucketStart(now: number): number {
  return Math.floor(now / WIDTH_MS) * WIDTH_MS;
}

/** The bucket from `at`: the calls in `totals` over `base`. */
function bucketOf(
  at: number,
  totals: CodeTotals,
  base: CodeTotals,
): RateBucket {
  let calls = 0;
  const errors: Record<string, number> = {};
  for (const [code, count] of totals) {
    const added = count - (base.get(code) ?? 0);
    if (added <= 0) continue;
    calls += added;
    if (code !== "OK") errors[code] = added;
  }
  return { at, calls, errors };
}

import { TokenBucket } from "../ws/_rate_limit.ts";

/**
 * Open connections per key (a remote address), at most `max` each (0: no
 * limit). A key is forgotten when its last connection closes, so the map
 * holds only addresses with an open connection.
 */
export class ConnectionCounter {
  #open = new Map<string, number>();
  #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** The most connections one key may hold (0: no limit). */
  get max(): number {
    return this.#max;
  }

  /**
   * Counts a connection in and returns the function that counts it out
   * (once, however often it is called); null when `key` is at the limit.
   */
  acquire(key: string): (() => void) | null {
    const count = this.#open.get(key) ?? 0;
    if (this.#max > 0 && count >= this.#max) return null;
    this.#open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(key) ?? 1) - 1;
      if (left > 0) this.#open.set(key, left);
      else this.#open.delete(key);
    };
  }

  /** The open connections of `key`, or of every key when none is given. */
  count(key?: string): number {
    if (key !== undefined) return this.#open.get(key) ?? 0;
    let total = 0;
    for (const count of this.#open.values()) total += count;
    return total;
  }

  /** How many keys hold an open connection. */
  get keys(): number {
    return this.#open.size;
  }
}

/**
 * A {@linkcode TokenBucket} per key (a remote address), bounded: a bucket
 * left alone long enough to be full again is the same as a new one and is
 * dropped, and past `maxKeys` the least recently used are dropped.
 */
export class KeyedRateLimit {
  #buckets = new Map<string, { bucket: TokenBucket; seen: number }>();
  #limit: { perSecond: number; burst: number };
  #now: () => number;
  #refillMs: number;
  #maxKeys: number;

  constructor(
    limit: { perSecond: number; burst: number },
    opts: { now: () => number; maxKeys?: number },
  ) {
    this.#limit = limit;
    this.#now = opts.now;
    this.#refillMs = Math.ceil(
      Math.max(1, limit.burst) / limit.perSecond * 1000,
    );
    this.#maxKeys = opts.maxKeys ?? 50_000;
  }

  /**
   * 0 when `key` may spend `cost` tokens (default 1), else the milliseconds
   * until it may (Infinity when `cost` is over the burst).
   */
  take(key: string, cost = 1): number {
    const now = this.#now();
    this.#sweep(now);
    let entry = this.#buckets.get(key);
    if (entry === undefined) {
      entry = { bucket: new TokenBucket(this.#limit, this.#now), seen: now };
    } else {
      this.#buckets.delete(key); // set again below: the map is in use order
      entry.seen = now;
    }
    this.#buckets.set(key, entry);
    return entry.bucket.take(cost);
  }

  /** How many keys have a bucket. */
  get keys(): number {
    return this.#buckets.size;
  }

  /** Drops buckets from the least recently used while idle or too many. */
  #sweep(now: number): void {
    for (const [key, entry] of this.#buckets) {
      const idle = now - entry.seen >= this.#refillMs;
      if (!idle && this.#buckets.size < this.#maxKeys) return;
      this.#buckets.delete(key);
    }
  }
}

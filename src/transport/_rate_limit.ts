/**
 * A token bucket: `burst` calls at once, refilled at `perSecond`. `take()`
 * spends a token, or says how long until one is there.
 */
export class TokenBucket {
  #perMs: number;
  #burst: number;
  #tokens: number;
  #at: number;
  #now: () => number;

  constructor(
    limit: { perSecond: number; burst: number },
    now: () => number,
  ) {
    this.#perMs = limit.perSecond / 1000;
    this.#burst = Math.max(1, limit.burst);
    this.#tokens = this.#burst;
    this.#now = now;
    this.#at = now();
  }

  /** 0 when a token was spent, else the milliseconds until one is free. */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#at) * this.#perMs,
    );
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.#tokens) / this.#perMs);
  }
}

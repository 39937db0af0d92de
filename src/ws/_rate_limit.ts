/**
 * A token bucket: `burst` calls at once, refilled at `perSecond`.
 * `take(cost)` spends `cost` tokens (default 1), or says how long until
 * that many are there; a refused take spends nothing.
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

  /**
   * 0 when `cost` tokens were spent, else the milliseconds until that many
   * are free (Infinity when `cost` is over `burst`).
   */
  take(cost = 1): number {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#at) * this.#perMs,
    );
    this.#at = now;
    if (this.#tokens >= cost) {
      this.#tokens -= cost;
      return 0;
    }
    if (cost > this.#burst) return Infinity;
    return Math.ceil((cost - this.#tokens) / this.#perMs);
  }
}

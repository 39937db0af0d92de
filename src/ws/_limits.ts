import { TRPCError } from "@trpc/server";
import { TokenBucket } from "./_rate_limit.ts";
import type { WSLimit, WSObserver } from "./ws_options.ts";

/**
 * One connection's call limits: a token bucket over its calls and a cap on
 * the subscriptions it holds at once. Each refusal is a TOO_MANY_REQUESTS
 * error that says what the limit is and what to do.
 */
export class CallLimits {
  #bucket: TokenBucket | null;
  #rate: { perSecond: number; burst: number } | undefined;
  #maxSubscriptions: number;
  #subscriptions = 0;
  #refused: ((limit: WSLimit) => void) | undefined;

  constructor(opts: {
    rateLimit?: { perSecond: number; burst: number } | undefined;
    maxSubscriptions?: number | undefined;
    now?: (() => number) | undefined;
    observer?: WSObserver | undefined;
  }) {
    this.#refused = opts.observer?.refused?.bind(opts.observer);
    this.#rate = opts.rateLimit;
    this.#bucket = opts.rateLimit === undefined
      ? null
      : new TokenBucket(opts.rateLimit, opts.now ?? (() => performance.now()));
    this.#maxSubscriptions = opts.maxSubscriptions ?? Infinity;
  }

  /**
   * Null when a call of this type may run (a subscription is then counted
   * until {@linkcode release}), else why not.
   */
  admit(type: string): TRPCError | null {
    const wait = this.#bucket?.take() ?? 0;
    if (wait > 0) {
      this.#refused?.("rate");
      const { perSecond, burst } = this.#rate!;
      return new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message:
          `Too many calls: a connection may make ${perSecond} calls per second on average and ${burst} at once; retry in ${wait} ms.`,
      });
    }
    if (type !== "subscription") return null;
    if (this.#subscriptions >= this.#maxSubscriptions) {
      this.#refused?.("subscriptions");
      return new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message:
          `This connection already holds ${this.#maxSubscriptions} subscriptions, the most allowed: stop one (subscription.stop) before starting another.`,
      });
    }
    this.#subscriptions++;
    return null;
  }

  /** A subscription that was admitted has ended. */
  release(): void {
    this.#subscriptions = Math.max(0, this.#subscriptions - 1);
  }
}

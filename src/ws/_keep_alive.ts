import { CLOSE_IDLE } from "./close_codes.ts";

/** Time and timers, in ms; tests inject a fake one. */
export interface Timers {
  /** The time in ms (any origin, never going back). */
  now(): number;
  /** Calls `fn` at `at` (as `now` counts) or soon after; returns a cancel function. */
  setTimer(at: number, fn: () => void): () => void;
}

/** The monotonic clock and `setTimeout`. */
export const realTimers: Timers = {
  now: () => performance.now(),
  setTimer(at, fn) {
    const timer = setTimeout(fn, Math.max(0, at - performance.now()));
    return () => clearTimeout(timer);
  },
};

/** Options of {@linkcode KeepAlive}. */
export interface KeepAliveOptions {
  /** Close after this long without a message (ms); 0 = never. */
  idleMs: number;
  /** Send `PING` this long after the last message (ms); 0 = never. */
  pingMs: number;
  /** Give up on the peer when nothing came this long after a `PING` (ms). */
  pongWaitMs: number;
  /** Sends `PING`. */
  ping(): void;
  /** Closes the socket (the idle timeout). */
  close(code: number, reason: string): void;
  /** Nothing came within `pongWaitMs` of a `PING`: the peer is gone. */
  noPong(reason: string): void;
  /** The clock (default {@linkcode realTimers}). */
  timers?: Timers | undefined;
}

/**
 * The idle timeout and the server pings of one socket, as tRPC's
 * `handleKeepAlive` does them: `PING` `pingMs` after the last message
 * received (a `PONG` included), and the peer given up `pongWaitMs` after a
 * `PING` that nothing followed. One timer, re-armed only when it fires or
 * when a message answers a `PING`: any other message costs a clock read.
 */
export class KeepAlive {
  #opts: KeepAliveOptions;
  #timers: Timers;
  #last: number;
  #pingSentAt: number | null = null;
  #cancel: (() => void) | null = null;

  constructor(opts: KeepAliveOptions) {
    this.#opts = opts;
    this.#timers = opts.timers ?? realTimers;
    this.#last = this.#timers.now();
  }

  /** Starts watching. */
  start(): void {
    this.#last = this.#timers.now();
    this.#arm();
  }

  /** Records that a message arrived. */
  activity(): void {
    this.#last = this.#timers.now();
    if (this.#pingSentAt === null) return; // the armed deadline is not later
    this.#pingSentAt = null;
    if (this.#cancel === null) return; // stopped
    this.#cancel();
    this.#arm();
  }

  /** Stops watching (the socket closed). */
  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #arm(): void {
    const { idleMs, pingMs, pongWaitMs } = this.#opts;
    const deadlines: number[] = [];
    if (idleMs > 0) deadlines.push(this.#last + idleMs);
    if (this.#pingSentAt !== null) {
      deadlines.push(this.#pingSentAt + pongWaitMs);
    } else if (pingMs > 0) deadlines.push(this.#last + pingMs);
    if (deadlines.length === 0) return;
    this.#cancel = this.#timers.setTimer(
      Math.min(...deadlines),
      () => this.#tick(),
    );
  }

  #tick(): void {
    this.#cancel = null;
    const { idleMs, pingMs, pongWaitMs } = this.#opts;
    const now = this.#timers.now();
    if (idleMs > 0 && now - this.#last >= idleMs) {
      this.#opts.close(
        CLOSE_IDLE,
        `idle: no message for ${
          Number((idleMs / 1000).toFixed(3))
        } s (WS_TIMEOUT)`,
      );
      return;
    }
    if (this.#pingSentAt !== null && now - this.#pingSentAt >= pongWaitMs) {
      this.#opts.noPong(`no answer to PING within ${pongWaitMs} ms`);
      return;
    }
    if (this.#pingSentAt === null && pingMs > 0 && now - this.#last >= pingMs) {
      this.#pingSentAt = now;
      this.#opts.ping();
    }
    this.#arm();
  }
}

import { CLOSE_IDLE, CLOSE_NO_PONG } from "../hub/close_codes.ts";

/** Options of {@linkcode KeepAlive}. */
export interface KeepAliveOptions {
  /** Close after this long without a message (ms); 0 = never. */
  idleMs: number;
  /** Send `PING` after this long without a message (ms); 0 = never. */
  pingMs: number;
  /** Close when nothing answers a `PING` within this long (ms). */
  pongWaitMs: number;
  /**
   * How much longer to wait before that close (ms, default 0): the time
   * the runtime's own ping takes to find a peer that vanished and close
   * its connection itself, which a close started here cannot do.
   */
  graceMs?: number;
  /** Sends `PING`. */
  ping(): void;
  /** Closes the socket. */
  close(code: number, reason: string): void;
}

/**
 * The idle timeout and the server pings of one socket, on one timer that is
 * only re-armed when it fires: a message costs a clock read, not a timer.
 */
export class KeepAlive {
  #opts: KeepAliveOptions;
  #last = performance.now();
  #pingSentAt: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: KeepAliveOptions) {
    this.#opts = opts;
  }

  /** Starts watching. */
  start(): void {
    this.#last = performance.now();
    this.#arm();
  }

  /** Records that a message arrived. */
  activity(): void {
    this.#last = performance.now();
    this.#pingSentAt = null;
  }

  /** Stops watching (the socket closed). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** How long after a `PING` the socket is closed when nothing came. */
  get #pongDeadlineMs(): number {
    return this.#opts.pongWaitMs + (this.#opts.graceMs ?? 0);
  }

  #arm(): void {
    const { idleMs, pingMs } = this.#opts;
    const deadlines: number[] = [];
    if (idleMs > 0) deadlines.push(this.#last + idleMs);
    if (this.#pingSentAt !== null) {
      deadlines.push(this.#pingSentAt + this.#pongDeadlineMs);
    } else if (pingMs > 0) deadlines.push(this.#last + pingMs);
    if (deadlines.length === 0) return;
    const wait = Math.max(0, Math.min(...deadlines) - performance.now());
    this.#timer = setTimeout(() => this.#tick(), wait + 1);
  }

  #tick(): void {
    this.#timer = undefined;
    const { idleMs, pingMs, pongWaitMs } = this.#opts;
    const now = performance.now();
    if (idleMs > 0 && now - this.#last >= idleMs) {
      this.#opts.close(
        CLOSE_IDLE,
        `idle: no message for ${
          Number((idleMs / 1000).toFixed(3))
        } s (WS_TIMEOUT)`,
      );
      return;
    }
    if (
      this.#pingSentAt !== null &&
      now - this.#pingSentAt >= this.#pongDeadlineMs
    ) {
      this.#opts.close(
        CLOSE_NO_PONG,
        `no answer to PING within ${pongWaitMs} ms`,
      );
      return;
    }
    if (this.#pingSentAt === null && pingMs > 0 && now - this.#last >= pingMs) {
      this.#pingSentAt = now;
      this.#opts.ping();
    }
    this.#arm();
  }
}

import { isTrackedEnvelope } from "@trpc/server";
import type { TRPCResultMessage } from "@trpc/server/rpc";
import { CLOSE_SLOW_CONSUMER } from "./close_codes.ts";
import { macrotask } from "./_wire.ts";

/** Where a subscription's values go: the socket, seen through the session. */
export interface PumpSink {
  /** Sends one `data` result. */
  deliver(result: TRPCResultMessage<unknown>["result"]): void;
  /** Bytes queued on the socket. */
  readonly bufferedAmount: number;
  /** Whether the socket is open. */
  isOpen(): boolean;
  /** Closes the socket. */
  close(code: number, reason: string): void;
}

/** Backpressure settings of a pump. */
export interface PumpLimits {
  /** Wait for the client above this many unsent bytes. */
  highWaterMark: number;
  /** Cut the client off above this many unsent bytes. */
  maxBufferedBytes: number;
  /** Cut the client off after waiting this long (ms). */
  slowConsumerMs: number;
}

/** Deliveries between two turns of the event loop. */
const BURST = 32;

/** How a {@linkcode Pump} ended: completed, stopped, or failed with `cause`. */
export type PumpEnd =
  | { completed: boolean; failed?: undefined }
  | { completed: false; failed: true; cause: unknown };

/** What a pump reads with, and whom it tells of its end (once, never synchronously). */
export interface PumpOptions {
  /** Read no more once aborted; {@linkcode Pump.stop} says when. */
  signal: AbortSignal;
  limits: PumpLimits;
  /** Called once the pump is over (an iterator not completed was ended first). */
  done(end: PumpEnd): void;
}

const RUNNING = 0;
/** A `next()`, a macrotask or a drain is awaited. */
const WAITING = 1;
const ENDED = 2;

/**
 * Reads a subscription's iterator into the sink until it ends, is stopped
 * or the socket closes: {@linkcode pump} as an object, without a suspended
 * async frame, a promise racing each `next()` against the abort, or a
 * listener on the signal: whoever aborts the signal calls
 * {@linkcode Pump.stop} (an idle subscription holds this object and its two
 * callbacks, about 200 bytes, instead of about 1 KB).
 */
export class Pump {
  #iterator: AsyncIterator<unknown> | null = null;
  #iterable: AsyncIterable<unknown>;
  #sink: PumpSink;
  #options: PumpOptions;
  #poll: (() => IteratorResult<unknown> | undefined) | null = null;
  #state = RUNNING;
  #burst = 0;
  /** A result, or undefined to go on after a macrotask or a drain. */
  #onValue = (next: IteratorResult<unknown> | void): void => {
    if (this.#state !== WAITING) return; // stopped meanwhile
    this.#state = RUNNING;
    try {
      if (next === undefined ? this.#overHighWater() : !this.#take(next)) {
        return;
      }
    } catch (cause) {
      return this.#fail(cause);
    }
    this.#run();
  };
  #onFailure = (cause: unknown): void => {
    if (this.#state === WAITING) this.#fail(cause);
  };

  constructor(
    iterable: AsyncIterable<unknown>,
    sink: PumpSink,
    options: PumpOptions,
  ) {
    this.#iterable = iterable;
    this.#sink = sink;
    this.#options = options;
  }

  /** Starts reading. */
  start(): void {
    try {
      this.#iterator = this.#iterable[Symbol.asyncIterator]();
      this.#poll = pollOf(this.#iterator);
    } catch (cause) {
      return this.#fail(cause);
    }
    this.#run();
  }

  /** The signal aborted: end now, without waiting for a pending `next()`. */
  stop(): void {
    if (this.#state === WAITING) this.#finish({ completed: false });
    // RUNNING: the loop sees the signal before it reads again
  }

  #run(): void {
    try {
      while (this.#state === RUNNING) {
        if (this.#options.signal.aborted) {
          return this.#finish({ completed: false });
        }
        const ready = this.#poll?.();
        if (ready === undefined) {
          this.#state = WAITING;
          this.#iterator!.next().then(this.#onValue, this.#onFailure);
          return;
        }
        if (!this.#take(ready)) return;
      }
    } catch (cause) {
      this.#fail(cause);
    }
  }

  /** Delivers one result; false when the loop must not go on now. */
  #take(next: IteratorResult<unknown>): boolean {
    if (next.done) {
      this.#finish({ completed: true });
      return false;
    }
    this.#sink.deliver(resultOf(next.value));
    if (++this.#burst >= BURST) {
      // a turn of the event loop, so that socket writes go out
      this.#burst = 0;
      this.#state = WAITING;
      macrotask().then(this.#onValue);
      return false;
    }
    return !this.#overHighWater();
  }

  /** Whether the socket holds too much: then the pump waits for a drain. */
  #overHighWater(): boolean {
    const { signal, limits } = this.#options;
    if (this.#sink.bufferedAmount <= limits.highWaterMark) return false;
    this.#state = WAITING;
    waitForDrain(this.#sink, signal, limits).then((drained) => {
      if (this.#state !== WAITING) return;
      if (drained) this.#onValue(undefined);
      else this.#finish({ completed: false });
    }, this.#onFailure);
    return true;
  }

  #fail(cause: unknown): void {
    this.#finish({ completed: false, failed: true, cause });
  }

  #finish(end: PumpEnd): void {
    if (this.#state === ENDED) return;
    this.#state = ENDED;
    const iterator = this.#iterator;
    const disposed = end.completed || iterator === null
      ? Promise.resolve()
      : disposeBounded(iterator);
    this.#iterator = null;
    this.#poll = null;
    disposed.then(() => this.#options.done(end));
  }
}

/**
 * Reads a subscription's iterator into the sink until it ends, the signal
 * aborts or the socket closes (a {@linkcode Pump} that listens to the
 * signal). It gives the event loop a turn every {@linkcode BURST}
 * deliveries, so that socket writes go out while a backlog drains, and it
 * stops reading while the socket's unsent bytes are above the high-water
 * mark. An iterator with a `poll` method (see `pollOf`) is read with it
 * first. Resolves true when the iterator completed.
 */
export function pump(
  iterable: AsyncIterable<unknown>,
  sink: PumpSink,
  options: { signal: AbortSignal; limits: PumpLimits },
): Promise<boolean> {
  const { signal, limits } = options;
  return new Promise((resolve, reject) => {
    const stop = (): void => reader.stop();
    const reader = new Pump(iterable, sink, {
      signal,
      limits,
      done(end) {
        signal.removeEventListener("abort", stop);
        if (end.failed) reject(end.cause);
        else resolve(end.completed);
      },
    });
    signal.addEventListener("abort", stop, { once: true });
    reader.start();
  });
}

/**
 * The iterator's `poll` method, if it has one: the next result at once
 * when it is ready, else undefined (then `next()` is awaited). The game
 * streams offer it, so a backlog or a burst of queued events is sent with
 * no promise per value.
 */
function pollOf(
  iterator: AsyncIterator<unknown>,
): (() => IteratorResult<unknown> | undefined) | null {
  const { poll } = iterator as { poll?: unknown };
  if (typeof poll !== "function") return null;
  return () => poll.call(iterator) as IteratorResult<unknown> | undefined;
}

function resultOf(value: unknown): TRPCResultMessage<unknown>["result"] {
  if (isTrackedEnvelope(value)) {
    const [id, data] = value;
    return { type: "data", id, data: { id, data } };
  }
  return { type: "data", data: value };
}

async function waitForDrain(
  sink: PumpSink,
  signal: AbortSignal,
  limits: PumpLimits,
): Promise<boolean> {
  const started = performance.now();
  let delay = 1;
  while (sink.isOpen() && !signal.aborted) {
    const buffered = sink.bufferedAmount;
    if (buffered <= limits.highWaterMark / 2) return true;
    if (
      buffered > limits.maxBufferedBytes ||
      performance.now() - started > limits.slowConsumerMs
    ) {
      sink.close(
        CLOSE_SLOW_CONSUMER,
        `slow consumer: ${buffered} bytes unread; reconnect and resume with lastEventId`,
      );
      return false;
    }
    await pause(delay, signal);
    delay = Math.min(delay * 2, 50);
  }
  return false;
}

/** Waits `ms`, or less when `signal` aborts first; leaves no timer behind. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Ends an iterator without waiting more than a second for it. */
async function disposeBounded(iterator: AsyncIterator<unknown>): Promise<void> {
  if (iterator.return === undefined) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const returned = Promise.resolve(iterator.return()).catch(() => undefined);
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1000);
  });
  await Promise.race([returned, timeout]);
  clearTimeout(timer);
}

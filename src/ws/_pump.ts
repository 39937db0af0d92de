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

/**
 * Reads a subscription's iterator into the sink until it ends, the signal
 * aborts or the socket closes. It gives the event loop a turn every
 * {@linkcode BURST} deliveries, so that socket writes go out while a backlog
 * drains, and it stops reading while the socket's unsent bytes are above
 * the high-water mark. An iterator with a `poll` method (see `pollOf`) is
 * read with it first. Returns true when the iterator completed.
 */
export async function pump(
  iterable: AsyncIterable<unknown>,
  sink: PumpSink,
  options: { signal: AbortSignal; limits: PumpLimits },
): Promise<boolean> {
  const { signal, limits } = options;
  const iterator = iterable[Symbol.asyncIterator]();
  let wake: ((value: "abort") => void) | null = null;
  const onAbort = () => wake?.("abort");
  signal.addEventListener("abort", onAbort, { once: true });
  let completed = false;
  let burst = 0;
  // Outside the loop and cleared after each delivery: a `const` in the
  // loop's body keeps the last value reachable while the next is awaited
  // (tRPC #6156), which pins a large value per waiting subscription.
  let next: IteratorResult<unknown> | "abort" | null = null;
  const poll = pollOf(iterator);
  try {
    while (!signal.aborted) {
      next = poll?.() ?? await new Promise<IteratorResult<unknown> | "abort">(
        (resolve, reject) => {
          wake = resolve;
          iterator.next().then(resolve, reject);
        },
      );
      wake = null;
      if (next === "abort") break;
      if (next.done) {
        completed = true;
        break;
      }
      sink.deliver(resultOf(next.value));
      next = null;
      if (++burst >= BURST) {
        burst = 0;
        await macrotask();
      }
      if (sink.bufferedAmount > limits.highWaterMark) {
        if (!await waitForDrain(sink, signal, limits)) break;
      }
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (!completed) await disposeBounded(iterator);
  }
  return completed;
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

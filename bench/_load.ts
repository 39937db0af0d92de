/**
 * What the load scenarios share: opening many WebSocket clients, latency
 * samples with percentiles, and the server's CPU time and memory.
 * @module
 */
import { cpuUsage } from "node:process";

/** Latency samples in milliseconds, kept in a growable typed array. */
export class Samples {
  #values = new Float64Array(1024);
  #count = 0;

  /** How many samples. */
  get count(): number {
    return this.#count;
  }

  /** Adds a sample. */
  push(value: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count++] = value;
  }

  /** The samples so far, in the order pushed (a copy). */
  values(): number[] {
    return Array.from(this.#values.subarray(0, this.#count));
  }

  /** The p50, p99 and max (nearest rank), to 0.01 ms; zeros without samples. */
  summary(): { p50: number; p99: number; max: number } {
    const sorted = this.#values.slice(0, this.#count).sort();
    const at = (q: number) =>
      sorted.length === 0
        ? 0
        : round(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!);
    return { p50: at(0.5), p99: at(0.99), max: at(1) };
  }
}

/** Rounds to `digits` decimals (two by default). */
export function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/**
 * Opens `count` WebSocket clients, `batch` connecting at a time, each with
 * `onMessage` attached before it opens. Rejects if one fails or if all are
 * not open within `timeoutMs`.
 */
export async function openSockets(
  url: string,
  count: number,
  options: {
    onMessage: (index: number, data: string) => void;
    batch?: number;
    timeoutMs?: number;
  },
): Promise<WebSocket[]> {
  const batch = options.batch ?? 200;
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += batch) {
    const opening: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const socket = new WebSocket(url);
      socket.onmessage = (event) => options.onMessage(i, event.data);
      sockets.push(socket);
      opening.push(
        new Promise((resolve, reject) => {
          socket.onopen = () => resolve();
          socket.onerror = () =>
            reject(new Error(`socket ${i} failed to open`));
        }),
      );
    }
    await within(Promise.all(opening), deadline - performance.now());
  }
  for (const socket of sockets) socket.onerror = null;
  return sockets;
}

/** Closes the sockets and waits (bounded) for their close handshakes. */
export async function closeSockets(sockets: WebSocket[]): Promise<void> {
  const closed = sockets.map((socket) =>
    new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.onclose = () => resolve();
      socket.close();
    })
  );
  await within(Promise.all(closed), 10_000).catch(() => {});
}

/** Resolves with `promise`, or rejects once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${Math.round(ms)} ms`)),
      Math.max(0, ms),
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The number after `"key":` in a JSON text, without parsing the rest. */
export function numberAfter(text: string, key: string, from = 0): number {
  const at = text.indexOf(key, from);
  if (at === -1) return NaN;
  return parseFloat(text.slice(at + key.length, at + key.length + 24));
}

/** The load generator's own CPU time so far, in ms. */
export function selfCpuMs(): number {
  const { user, system } = cpuUsage();
  return (user + system) / 1000;
}

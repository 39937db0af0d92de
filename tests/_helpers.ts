import assert from "node:assert/strict";
/**
 * Test helpers: a real server on 127.0.0.1 with an ephemeral port, typed
 * clients made with the official `@trpc/client`, and a raw WebSocket that
 * reads frames one by one. Every wait is bounded.
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  type TRPCClient,
  TRPCClientError,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import {
  DEFAULT_CONFIG,
  type RunningServer,
  type ServerConfig,
  startServer,
} from "../src/server/mod.ts";

/** A server for one test; `await using` shuts it down. */
export interface TestServer extends AsyncDisposable {
  /** The running server. */
  server: RunningServer;
  /** `ws://127.0.0.1:PORT/trpc`. */
  wsUrl: string;
  /** `http://127.0.0.1:PORT`. */
  httpUrl: string;
}

/** Starts a silent server on 127.0.0.1 with a free port. */
export async function startTestServer(
  config: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const server = await startServer(
    {
      ...DEFAULT_CONFIG,
      host: "127.0.0.1",
      port: 0,
      pingMs: 0,
      shutdownGraceMs: 2000,
      dataDir: ":memory:",
      ...config,
    },
    { log: () => {} },
  );
  return {
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/trpc`,
    httpUrl: `http://127.0.0.1:${server.port}`,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A typed client on its own socket; `await using` closes it. */
export interface TestClient extends AsyncDisposable {
  /** The typed tRPC client. */
  trpc: TRPCClient<AppRouter>;
  /** The WebSocket client under it. */
  ws: ReturnType<typeof createWSClient>;
}

/**
 * A `retryDelayMs` for `createWSClient` that remembers the reconnect waits
 * it starts: `@trpc/client` cannot cancel one, so `settled()` (after the
 * client's `close()`) waits them out and the test leaves no timer behind.
 */
export function trackedRetryDelay(
  delayOf: (attempt: number) => number = () => 50,
): { retryDelayMs: (attempt: number) => number; settled(): Promise<void> } {
  let until = 0;
  return {
    retryDelayMs(attempt) {
      const ms = delayOf(attempt);
      until = Math.max(until, performance.now() + ms);
      return ms;
    },
    async settled() {
      // A connection attempt failing after close() still starts one more
      // wait: look again a little later, a bounded number of times.
      for (let round = 0; round < 5; round++) {
        const left = until - performance.now();
        if (left <= 0 && round > 0) return;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(left, 0) + 10)
        );
      }
    },
  };
}

/**
 * Connects a typed client with `connectionParams`. Disposing it closes the
 * client and waits out a reconnect it had started (50 ms unless
 * `options.retryDelayMs` says otherwise).
 */
export function connectClient(
  url: string,
  params: { clientId?: string; clientType?: string; token?: string } = {},
  options: Partial<Parameters<typeof createWSClient>[0]> = {},
): TestClient {
  const retry = trackedRetryDelay(options.retryDelayMs);
  const ws = createWSClient({
    url,
    connectionParams: params,
    ...options,
    retryDelayMs: retry.retryDelayMs,
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  return {
    trpc,
    ws,
    [Symbol.asyncDispose]: async () => {
      await ws.close();
      await retry.settled();
    },
  };
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Rejects after `ms` unless `promise` settles first. */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${ms} ms: ${what}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects the values a subscription delivers. */
export class Collector<T> {
  /** What arrived, in order. */
  readonly items: T[] = [];
  #waiters: { count: number; resolve: () => void }[] = [];

  /** Adds one value (pass as `onData`). */
  push = (item: T): void => {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.items.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Resolves once `count` values arrived (bounded by `timeoutMs`). */
  until(count: number, timeoutMs = 5000): Promise<T[]> {
    if (this.items.length >= count) return Promise.resolve(this.items);
    const arrived = new Promise<void>((resolve) =>
      this.#waiters.push({ count, resolve })
    );
    return within(
      arrived,
      timeoutMs,
      `${count} items (have ${this.items.length})`,
    ).then(() => this.items);
  }
}

/** Resolves once `ws` is open; rejects on an error or after 5 s. */
export async function opened(ws: WebSocket, url: string): Promise<void> {
  await within(
    new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    }),
    5000,
    `open ${url}`,
  );
}

/** A raw WebSocket whose frames are read one at a time. */
export class RawSocket implements AsyncDisposable {
  /** The socket. */
  readonly ws: WebSocket;
  /** The close event, once closed. */
  readonly closed: Promise<CloseEvent>;
  #frames: string[] = [];
  #wake: (() => void) | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (event) => {
      this.#frames.push(String(event.data));
      this.#wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (event) => {
        resolve(event);
        this.#wake?.();
      };
    });
  }

  /** Opens a raw socket to `url`. */
  static async open(url: string): Promise<RawSocket> {
    const socket = new RawSocket(new WebSocket(url));
    await opened(socket.ws, url);
    return socket;
  }

  /** Sends a frame; objects are sent as JSON. */
  send(data: unknown): void {
    this.ws.send(typeof data === "string" ? data : JSON.stringify(data));
  }

  /** The next frame, as text (bounded by `timeoutMs`). */
  async next(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.#frames.length === 0) {
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error("socket closed");
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await within(
        new Promise<void>((resolve) => (this.#wake = resolve)),
        left,
        "a frame",
      )
        .finally(() => (this.#wake = null));
    }
    return this.#frames.shift() as string;
  }

  /** The next frame, parsed as JSON. */
  async nextJson(timeoutMs = 5000): Promise<Record<string, unknown>> {
    return JSON.parse(await this.next(timeoutMs));
  }

  /** Closes the socket and waits for the close. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.ws.readyState < WebSocket.CLOSING) this.ws.close();
    await within(this.closed, 5000, "raw socket close");
  }
}

/** The error `promise` rejects with (within 5 s), as the official client reports it. */
export async function refusal(
  promise: Promise<unknown>,
): Promise<TRPCClientError<AppRouter>> {
  const error = await within(
    promise.then(() => null, (cause) => cause),
    5000,
    "a refusal",
  );
  assert.ok(error instanceof TRPCClientError, String(error));
  return error as TRPCClientError<AppRouter>;
}

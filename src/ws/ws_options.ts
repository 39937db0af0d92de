import type { AnyRouter, inferRouterContext, TRPCError } from "@trpc/server";
import { Codec } from "./_codec.ts";
import type { Timers } from "./_keep_alive.ts";
import {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_MESSAGE_BYTES,
} from "./_message_limits.ts";
import type { SocketSet } from "./socket_set.ts";

/**
 * Writes and reads the frames of a connection, for formats other than JSON
 * (tRPC's `Encoder`, the same object the client's `experimental_encoder`
 * takes). `PING` and `PONG` stay text frames, whatever the encoder.
 */
export interface Encoder {
  /** A message to send, as a text frame (string) or a binary one. */
  encode(data: unknown): string | Uint8Array<ArrayBuffer>;
  /** A received frame: text as a string, binary as bytes. */
  decode(data: string | ArrayBuffer | Uint8Array): unknown;
}

/** The socket as a context sees it: close it, or hear when it closes. */
export interface WSHandle {
  /** Closes the socket with a code and a reason (cut to 123 bytes). */
  close(code: number, reason: string): void;
  /** Calls `listener` once, after the socket closed. */
  onClose(listener: (info: { code: number; reason: string }) => void): void;
}

/** What `createContext` gets, once per connection. */
export interface WSContextOptions {
  /** The upgrade request (made on first read: prefer `url` and `header`). */
  req: Request;
  /** The upgrade request's URL, read without making `req`. */
  url: string;
  /** The upgrade request's header `name` (lower case) or null, read without making `req`. */
  header(name: string): string | null;
  /** The client's `connectionParams`, or null when it sent none. */
  connectionParams: Record<string, string | undefined> | null;
  /** The socket. */
  socket: WSHandle;
  /** Aborted when the socket closes. */
  signal: AbortSignal;
  /** The peer's address, when the server gave it (`WSConnectionHooks`). */
  remoteAddress?: string | undefined;
}

/** What `onError` gets. */
export interface WSErrorInfo {
  /** The error. */
  error: TRPCError;
  /** The procedure path, when there is one. */
  path: string | undefined;
  /** `query`, `mutation`, `subscription` or `unknown`. */
  type: string;
  /** The raw input, when there is one. */
  input: unknown;
  /** The context, once made. */
  ctx: unknown;
  /** The upgrade request. */
  req: Request;
}

/** The limit that refused a frame or a call. */
export type WSLimit = "frame_size" | "rate" | "subscriptions";

/**
 * What the adapter tells of its work, for metrics and traces: every method
 * is optional, and without an observer (the option absent) the adapter
 * measures nothing and calls nothing. A throwing observer is a bug of its
 * own: it is not caught.
 */
export interface WSObserver {
  /**
   * A socket opened, `waitedMs` after its upgrade was answered (the 101):
   * tens of ms with CPU to spare; hundreds or thousands when the process's
   * CPU is saturated and the runtime reads its sockets late.
   */
  opened?(waitedMs: number): void;
  /**
   * A socket's session ended, once, with the close code that ended it and
   * who chose it: the server (a limit, a keep-alive, a shutdown) or the
   * peer; `socket` is the handle its `createContext` was given.
   */
  closed?(code: number, by: "server" | "peer", socket: WSHandle): void;
  /**
   * A call the limits admitted starts; the probe returned (if any) runs its
   * procedure and hears when it is answered.
   */
  call?(call: WSCallInfo): WSCallProbe | undefined;
  /** One subscription value was sent. */
  delivered?(): void;
  /**
   * A frame was sent: `size` is a binary frame's bytes, a text frame's
   * length (UTF-16 code units: its UTF-8 bytes for ASCII, fewer otherwise).
   */
  sent?(size: number): void;
  /** A frame or a call was refused by a limit. */
  refused?(limit: WSLimit): void;
}

/** A call an observer hears of. */
export interface WSCallInfo {
  /** The procedure's path, as the client sent it. */
  path: string;
  /** `query`, `mutation` or `subscription`. */
  type: string;
  /** The connection's socket: the handle its `createContext` was given. */
  socket: WSHandle;
}

/** One call as an observer follows it. */
export interface WSCallProbe {
  /**
   * Called once when the call is answered: with null on success, else with
   * the tRPC error code. A subscription is answered when it starts.
   */
  answered(code: string | null): void;
  /** A subscription that started (answered with null) has ended, once. */
  ended?(): void;
  /**
   * Runs the call's procedure (`procedure()`) inside what the observer sets
   * up, e.g. a trace's context so that the procedure's spans are children
   * of the call's. Default: `procedure()` as it is.
   */
  run?<T>(procedure: () => Promise<T>): Promise<T>;
}

/** Options of `upgradeTRPCWebSocket`. */
export interface WSAdapterOptions<TRouter extends AnyRouter> {
  /** The router to serve. */
  router: TRouter;
  /** Makes the context once per connection; a throw refuses the connection. */
  createContext?: (
    opts: WSContextOptions,
  ) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /**
   * Server pings, as tRPC's: `PING` `pingMs` (default 30 000) after the
   * last message received, and the peer given up when nothing came
   * `pongWaitMs` (default 5 000) after its `PING` (close 4005, see
   * {@linkcode runtimePingSeconds}). Default: off.
   */
  keepAlive?: { enabled: boolean; pingMs?: number; pongWaitMs?: number };
  /** Close a socket that sent nothing for this long (ms); 0 = never. */
  idleTimeoutMs?: number;
  /** The largest frame accepted, and HTTP body or URL, in bytes. Default {@linkcode DEFAULT_MAX_MESSAGE_BYTES}. */
  maxMessageBytes?: number;
  /** The most calls in one batched frame, and in one HTTP batch. Default {@linkcode DEFAULT_MAX_BATCH_SIZE}. */
  maxBatchSize?: number;
  /** Unsent bytes past which a subscription waits for the client. Default 1 MiB. */
  highWaterMark?: number;
  /** Unsent bytes past which the client is cut off as too slow. Default 8 MiB. */
  maxBufferedBytes?: number;
  /**
   * How long a subscription may wait for a slow client (ms), and how long a
   * close the server started may wait for the client's close frame before
   * the connection is dropped. Default 30 s.
   */
  slowConsumerMs?: number;
  /**
   * Calls a connection may make: `perSecond` on average, `burst` at once.
   * A call over the limit is refused with TOO_MANY_REQUESTS and the time to
   * wait. Default: no limit.
   */
  rateLimit?: { perSecond: number; burst: number };
  /** Subscriptions one connection may hold at once. Default: no limit. */
  maxSubscriptions?: number;
  /** The clock of the rate limit, in ms (tests inject one). */
  now?: () => number;
  /**
   * The clock and timers of the keep-alive, and the clock of the
   * observer's open wait (`opened`), in ms (tests inject one).
   * Default: `performance.now()` and `setTimeout`.
   */
  clock?: Timers;
  /** Registry of open sockets, for reconnect notices and draining. */
  sockets?: SocketSet;
  /** Called with every error, for logging. */
  onError?: (info: WSErrorInfo) => void;
  /** Told of connections, calls, deliveries and refusals. Default: none. */
  observer?: WSObserver;
  /**
   * Encodes and decodes frames, as tRPC's adapter option of the same name
   * (experimental there too). Default: JSON text frames.
   */
  experimental_encoder?: Encoder;
}

/** Hooks of one connection, the third argument of `upgradeTRPCWebSocket`. */
export interface WSConnectionHooks {
  /**
   * Called once when the connection is over: after its socket closed, or
   * at once when the upgrade was refused or failed.
   */
  onClosed?: () => void;
  /** The peer's address, passed on to `createContext` (e.g. for an operator's view). */
  remoteAddress?: string | undefined;
}

/** The options with their defaults filled in. */
export type ResolvedWSOptions<TRouter extends AnyRouter> =
  & WSAdapterOptions<TRouter>
  & Required<
    Pick<
      WSAdapterOptions<TRouter>,
      | "maxMessageBytes"
      | "maxBatchSize"
      | "highWaterMark"
      | "maxBufferedBytes"
      | "slowConsumerMs"
      | "idleTimeoutMs"
    >
  >
  & {
    /** The router's wire encoding. */
    codec: Codec;
    /** `Deno.upgradeWebSocket`'s `idleTimeout`, in seconds (see {@linkcode runtimePingSeconds}). */
    runtimePingS: number;
  };

/**
 * The deadline of Deno's own WebSocket-level ping, in seconds: with the
 * keep-alive on, the keep-alive's (`pingMs` + `pongWaitMs`); off, 0. The
 * runtime pings a socket that sent nothing for half of it, and closes one
 * that did not answer by the end (code 1001). Every WebSocket client
 * answers that ping by itself, so only a peer that vanished misses it, and
 * the runtime's close frees its TCP connection as well; a close the
 * adapter starts waits for the peer's close frame, which a vanished peer
 * never sends, and stops the runtime's ping. So when the keep-alive gives
 * up on a peer (`pongWaitMs` after its `PING`, the moment the runtime drops
 * a vanished one), its session ends at once and its close frame (4005)
 * waits this long again: it is left to clients that answer the runtime's
 * ping but not `PING`.
 */
export function runtimePingSeconds(
  keepAlive: WSAdapterOptions<AnyRouter>["keepAlive"],
): number {
  if (!keepAlive?.enabled) return 0;
  return ((keepAlive.pingMs ?? 30_000) + (keepAlive.pongWaitMs ?? 5_000)) /
    1000;
}

/** Fills in the defaults. */
export function resolveWSOptions<TRouter extends AnyRouter>(
  opts: WSAdapterOptions<TRouter>,
): ResolvedWSOptions<TRouter> {
  return {
    ...opts,
    maxMessageBytes: opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    maxBatchSize: opts.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    highWaterMark: opts.highWaterMark ?? 1024 * 1024,
    maxBufferedBytes: opts.maxBufferedBytes ?? 8 * 1024 * 1024,
    slowConsumerMs: opts.slowConsumerMs ?? 30_000,
    idleTimeoutMs: opts.idleTimeoutMs ?? 0,
    codec: new Codec(opts.router, opts.experimental_encoder),
    runtimePingS: runtimePingSeconds(opts.keepAlive),
  };
}

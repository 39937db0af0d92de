import {
  type AnyRouter,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
  TRPCError,
} from "@trpc/server";
import { CLOSE_NO_PONG, CLOSE_REFUSED, CLOSE_TOO_BIG } from "./close_codes.ts";
import {
  NO_CALL,
  readConnectionParams,
  readFrame,
  refuseOversize,
  type WireData,
  wireDataOf,
} from "./_frames.ts";
import { CloseListeners } from "./_close_listeners.ts";
import { Calls } from "./_calls.ts";
import { SOCKET_CLOSED } from "./_socket_closed.ts";
import { ContextGate } from "./_context_gate.ts";
import { KeepAlive, realTimers } from "./_keep_alive.ts";
import { Replier } from "./_replier.ts";
import { type RequestSnapshot, waitsForParams } from "./_request.ts";
import { SocketHandle } from "./_socket_handle.ts";
import { closeSocket, type WireSocket } from "./_wire.ts";
import type { RegisteredSocket } from "./socket_set.ts";
import type { ResolvedWSOptions, WSHandle } from "./ws_options.ts";

/** One socket speaking the tRPC v11 WebSocket protocol. */
export class Session<TRouter extends AnyRouter> implements RegisteredSocket {
  #ws: WireSocket;
  #req: RequestSnapshot;
  #opts: ResolvedWSOptions<TRouter>;
  #ctx: ContextGate<inferRouterContext<TRouter>>;
  /** Cancels the close still to come for a peer cut off by the keep-alive. */
  #pendingClose: (() => void) | null = null;
  #calls: Calls<TRouter>;
  #closeListeners = new CloseListeners();
  /** Made when a context or a call reads the connection's signal. */
  #lifetime: AbortController | null = null;
  /** Whether the connection is over: closed, or its peer cut off. */
  #over = false;
  /** Null when neither the idle timeout nor the pings are on. */
  #keepAlive: KeepAlive | null = null;
  /** What the context, the calls and the observer know the socket by. */
  #handle: WSHandle;
  #out: Replier;
  /** Whether the close handshake has finished. */
  #isSettled = false;
  /** Made when someone waits (a drain), not for every socket. */
  #settled: { promise: Promise<void>; resolve: () => void } | null = null;
  /** When the upgrade was answered (`clock.now()`, ms), for `opened`. */
  #upgradedAt: number;

  constructor(
    ws: WireSocket,
    req: RequestSnapshot,
    opts: ResolvedWSOptions<TRouter>,
  ) {
    this.#ws = ws;
    this.#req = req;
    this.#opts = opts;
    this.#upgradedAt = (opts.clock ?? realTimers).now();
    this.#ctx = new ContextGate(() =>
      this.close(
        CLOSE_REFUSED,
        `connection refused: ${this.#ctx.error?.message}`,
      )
    );
    this.#out = new Replier(ws, {
      router: opts.router,
      codec: opts.codec,
      req,
      context: this.#ctx,
      onError: opts.onError,
      observer: opts.observer,
    });
    this.#handle = new SocketHandle(this, this.#closeListeners);
    this.#calls = new Calls({
      ws,
      out: this.#out,
      ctx: this.#ctx as ContextGate<unknown>,
      lifetime: this,
      close: (code, reason) => this.close(code, reason),
      socket: this.#handle,
    }, opts);
    const keepAlive = opts.keepAlive;
    // no timer to keep (the defaults): no keep-alive object at all
    if (opts.idleTimeoutMs <= 0 && !keepAlive?.enabled) return;
    this.#keepAlive = new KeepAlive({
      idleMs: opts.idleTimeoutMs,
      pingMs: keepAlive?.enabled ? keepAlive.pingMs ?? 30_000 : 0,
      pongWaitMs: keepAlive?.pongWaitMs ?? 5_000,
      ping: () => this.#out.raw("PING"),
      close: (code, reason) => this.close(code, reason),
      noPong: (reason) => this.#cutOff(reason),
      timers: opts.clock,
    });
  }

  /**
   * Aborted (with `SOCKET_CLOSED`) when the connection is over. Made on
   * first read, by a context that reads it or the first query or mutation:
   * an idle subscribed connection holds no controller of its own.
   */
  get signal(): AbortSignal {
    if (this.#lifetime === null) {
      this.#lifetime = new AbortController();
      if (this.#over) this.#lifetime.abort(SOCKET_CLOSED);
    }
    return this.#lifetime.signal;
  }

  /** Resolves when the socket's close handshake has finished. */
  get settled(): Promise<void> {
    if (this.#isSettled) return Promise.resolve();
    if (this.#settled === null) {
      const { promise, resolve } = Promise.withResolvers<void>();
      this.#settled = { promise, resolve };
    }
    return this.#settled.promise;
  }

  /** The socket opened: start the timers and, unless params come first, the context. */
  opened(): void {
    this.#opts.sockets?.add(this);
    const waited = (this.#opts.clock ?? realTimers).now() - this.#upgradedAt;
    this.#opts.observer?.opened?.(waited);
    this.#keepAlive?.start();
    if (!waitsForParams(this.#req.url)) this.#makeContext(() => null);
  }

  /** A frame arrived: text, or an ArrayBuffer for a binary frame. */
  received(data: unknown): void {
    if (this.#over) return; // closed, or its peer cut off
    this.#keepAlive?.activity();
    if (data === "PING") return this.#out.raw("PONG"); // text, whatever the encoder
    if (data === "PONG") return;
    const frame = wireDataOf(data);
    if (frame instanceof TRPCError) {
      return this.#out.error(null, undefined, frame, NO_CALL);
    }
    const refusal = refuseOversize(frame, {
      maxBytes: this.#opts.maxMessageBytes,
      maxIds: this.#opts.maxBatchSize,
      scan: this.#opts.codec.json && this.#ctx.started,
    });
    if (refusal !== null) {
      // each call found is answered; a frame whose calls cannot be read
      // ends the connection, so that no caller waits forever
      this.#opts.observer?.refused?.("frame_size");
      for (const id of refusal.ids) {
        this.#out.error(id, undefined, refusal.error, NO_CALL);
      }
      if (refusal.ids.length > 0) return;
      this.#out.error(null, undefined, refusal.error, NO_CALL);
      return this.close(CLOSE_TOO_BIG, refusal.error.message);
    }
    if (!this.#ctx.started) {
      const decode = () => this.#opts.codec.decode(frame);
      return this.#makeContext(() => readConnectionParams(decode));
    }
    this.#dispatch(frame);
  }

  /** The socket's close event: the handshake is over. */
  socketClosed(code: number, reason: string): void {
    this.closed(code, reason, "peer");
    this.#isSettled = true;
    this.#settled?.resolve();
  }

  /** The socket closed or is closing (`by` whom): stop everything it started. */
  closed(code: number, reason: string, by: "server" | "peer"): void {
    this.#pendingClose?.();
    this.#pendingClose = null;
    this.#opts.sockets?.delete(this);
    this.#release(code, reason, by);
  }

  /**
   * The keep-alive gave up on the peer: as tRPC's `terminate()`, its calls
   * end now and it is heard no more. A close started here would stop the
   * runtime's ping, which drops a vanished peer's connection at this moment
   * (`runtimePingSeconds`), so the close (4005) waits for that; a peer that
   * answers that ping but neither `PING` nor the close frame is dropped
   * `slowConsumerMs` after it (`closeSocket`).
   */
  #cutOff(reason: string): void {
    this.#release(CLOSE_NO_PONG, reason, "server");
    const clock = this.#opts.clock ?? realTimers;
    this.#pendingClose = clock.setTimer(
      clock.now() + this.#opts.runtimePingS * 1000,
      () => this.close(CLOSE_NO_PONG, reason),
    );
  }

  #release(code: number, reason: string, by: "server" | "peer"): void {
    if (this.#over) return;
    this.#over = true;
    this.#opts.observer?.closed?.(code, by, this.#handle);
    this.#keepAlive?.stop();
    this.#calls.abortAll();
    this.#lifetime?.abort(SOCKET_CLOSED);
    this.#closeListeners.fire(
      { code, reason },
      (cause) => this.#out.report(getTRPCErrorFromUnknown(cause), NO_CALL),
    );
  }

  /**
   * Closes the socket (the reason is cut to 123 bytes) and releases what it
   * held at once: a peer that stops reading never completes the closing
   * handshake, so its close event may come much later or never.
   */
  close(code: number, reason: string): void {
    closeSocket(this.#ws, code, reason, this.#opts.slowConsumerMs);
    this.closed(code, reason, "server");
  }

  /** Sends tRPC's reconnect notification. */
  notifyReconnect(): void {
    if (this.#over) return;
    this.#out.raw(
      this.#opts.codec.encodeNotice({ id: null, method: "reconnect" }),
    );
  }

  #dispatch(frame: WireData): void {
    let parsed: unknown;
    try {
      parsed = this.#opts.codec.decode(frame);
    } catch (cause) {
      return this.#out.error(null, undefined, cause, NO_CALL);
    }
    const { calls, refusals } = readFrame(parsed, {
      maxBatchSize: this.#opts.maxBatchSize,
      transformer: this.#opts.codec.transformer,
    });
    for (const { id, error } of refusals) {
      this.#out.error(id, undefined, error, NO_CALL);
    }
    for (const { message, index } of calls) {
      this.#calls.run(message, index).catch((cause) =>
        this.#out.report(getTRPCErrorFromUnknown(cause), NO_CALL)
      );
    }
  }

  #makeContext(
    readParams: () => Record<string, string | undefined> | null,
  ): void {
    const { createContext } = this.#opts;
    if (createContext === undefined) {
      // no context to make (nor params to read, as before)
      return this.#ctx.start(
        () => undefined,
        (error) => this.#out.error(null, undefined, error, NO_CALL),
      );
    }
    const req = this.#req;
    const lifetime = (): AbortSignal => this.signal;
    this.#ctx.start(
      () =>
        createContext({
          // made only for a context that reads it
          get req() {
            return req.request;
          },
          url: req.url,
          header: (name) => req.header(name),
          connectionParams: readParams(),
          socket: this.#handle,
          // made only for a context that reads it
          get signal() {
            return lifetime();
          },
          remoteAddress: this.#req.remoteAddress,
        }),
      (error) => this.#out.error(null, undefined, error, NO_CALL),
    );
  }
}

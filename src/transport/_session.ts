import {
  type AnyRouter,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
  TRPCError,
} from "@trpc/server";
import {
  isObservable,
  observableToAsyncIterable,
} from "@trpc/server/observable";
import { type TRPCClientOutgoingMessage } from "@trpc/server/rpc";
import {
  CLOSE_NO_PONG,
  CLOSE_REFUSED,
  CLOSE_TOO_BIG,
} from "../hub/close_codes.ts";
import { callError } from "./_errors.ts";
import {
  type Call,
  type Id,
  inputWithLastEventId,
  NO_CALL,
  readConnectionParams,
  readFrame,
  refuseOversize,
  type WireData,
} from "./_frames.ts";
import { runProcedure } from "./_call.ts";
import { KeepAlive, realTimers } from "./_keep_alive.ts";
import { CallLimits } from "./_limits.ts";
import { Replier } from "./_replier.ts";
import type { RequestSnapshot } from "./_request.ts";
import { pump } from "./_pump.ts";
import {
  closeSocket,
  isAsyncIterable,
  OPEN,
  type WireSocket,
} from "./_wire.ts";
import type { RegisteredSocket } from "./socket_set.ts";
import type { ResolvedWSOptions, WSHandle } from "./ws_options.ts";

/** One socket speaking the tRPC v11 WebSocket protocol. */
export class Session<TRouter extends AnyRouter> implements RegisteredSocket {
  #ws: WireSocket;
  #req: RequestSnapshot;
  #opts: ResolvedWSOptions<TRouter>;
  #ctx: inferRouterContext<TRouter> | undefined = undefined;
  #ctxReady: Promise<boolean> | null = null;
  #ctxOk: boolean | null = null;
  /** Why `createContext` failed: every call is answered with it. */
  #ctxError: TRPCError | null = null;
  /** Calls waiting for the context, answered before a refusal closes. */
  #awaitingContext = 0;
  /** Cancels the close still to come for a peer cut off by the keep-alive. */
  #pendingClose: (() => void) | null = null;
  /** Running calls; subscriptions have their own controller to stop them. */
  #active = new Map<Id, AbortController | null>();
  #closeListeners: ((info: { code: number; reason: string }) => void)[] = [];
  #closedWith: { code: number; reason: string } | null = null;
  #lifetime = new AbortController();
  #keepAlive: KeepAlive;
  #handle: WSHandle;
  #settle!: () => void;
  #out: Replier;
  #limits: CallLimits;
  /** Resolves when the socket's close handshake has finished. */
  readonly settled: Promise<void> = new Promise((
    resolve,
  ) => (this.#settle = resolve));

  constructor(
    ws: WireSocket,
    req: RequestSnapshot,
    opts: ResolvedWSOptions<TRouter>,
  ) {
    this.#ws = ws;
    this.#req = req;
    this.#opts = opts;
    this.#out = new Replier(ws, {
      router: opts.router,
      codec: opts.codec,
      req,
      context: () => this.#ctx,
      onError: opts.onError,
    });
    this.#limits = new CallLimits(opts);
    this.#handle = {
      close: (code, reason) => this.close(code, reason),
      onClose: (listener) => {
        const closed = this.#closedWith; // a context made after the close hears it too
        if (closed === null) this.#closeListeners.push(listener);
        else queueMicrotask(() => listener(closed));
      },
    };
    const keepAlive = opts.keepAlive;
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

  /** The socket opened: start the timers and, unless params come first, the context. */
  opened(): void {
    this.#opts.sockets?.add(this);
    this.#keepAlive.start();
    const url = new URL(this.#req.url);
    if (url.searchParams.get("connectionParams") !== "1") {
      this.#ctxReady = this.#makeContext(() => null);
    }
  }

  /** A frame arrived: text, or an ArrayBuffer for a binary frame. */
  received(data: unknown): void {
    if (this.#lifetime.signal.aborted) return; // closed, or its peer cut off
    this.#keepAlive.activity();
    if (data === "PING") return this.#out.raw("PONG"); // text, whatever the encoder
    if (data === "PONG") return;
    const frame = typeof data === "string"
      ? data
      : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : null;
    if (frame === null) {
      const error = new TRPCError({
        code: "UNPROCESSABLE_CONTENT",
        message: "Unexpected WebSocket message format",
      });
      return this.#out.error(null, undefined, error, NO_CALL);
    }
    const refusal = refuseOversize(frame, {
      maxBytes: this.#opts.maxMessageBytes,
      maxIds: this.#opts.maxBatchSize,
      scan: this.#opts.codec.json && this.#ctxReady !== null,
    });
    if (refusal !== null) {
      // each call found is answered; a frame whose calls cannot be read
      // ends the connection, so that no caller waits forever
      for (const id of refusal.ids) {
        this.#out.error(id, undefined, refusal.error, NO_CALL);
      }
      if (refusal.ids.length > 0) return;
      this.#out.error(null, undefined, refusal.error, NO_CALL);
      return this.close(CLOSE_TOO_BIG, refusal.error.message);
    }
    if (this.#ctxReady === null) {
      const decode = () => this.#opts.codec.decode(frame);
      this.#ctxReady = this.#makeContext(() => readConnectionParams(decode));
      return;
    }
    this.#dispatch(frame, this.#ctxReady);
  }

  /** The socket's close event: the handshake is over. */
  socketClosed(code: number, reason: string): void {
    this.closed(code, reason);
    this.#settle();
  }

  /** The socket closed or is closing: stop everything it started. */
  closed(code: number, reason: string): void {
    this.#pendingClose?.();
    this.#pendingClose = null;
    this.#opts.sockets?.delete(this);
    this.#release(code, reason);
  }

  /**
   * The keep-alive gave up on the peer: as tRPC's `terminate()`, its calls
   * and subscriptions end now and it is heard no more. Deno cannot drop a
   * connection from JavaScript, and a close started here would wait for a
   * close frame a vanished peer never sends (and stop the runtime's own
   * ping, which ends such a connection at this same moment: see
   * `runtimePingSeconds`). So the close frame (4005) waits out the
   * runtime's deadline; only a peer that answers WebSocket pings but not
   * `PING` is still there to get it.
   */
  #cutOff(reason: string): void {
    this.#release(CLOSE_NO_PONG, reason);
    const clock = this.#opts.clock ?? realTimers;
    this.#pendingClose = clock.setTimer(
      clock.now() + this.#opts.runtimePingS * 1000,
      () => this.close(CLOSE_NO_PONG, reason),
    );
  }

  #release(code: number, reason: string): void {
    if (this.#lifetime.signal.aborted) return;
    this.#closedWith = { code, reason };
    this.#keepAlive.stop();
    for (const call of this.#active.values()) call?.abort();
    this.#active.clear();
    this.#lifetime.abort();
    for (const listener of this.#closeListeners.splice(0)) {
      try {
        listener({ code, reason });
      } catch (cause) {
        this.#out.report(getTRPCErrorFromUnknown(cause), NO_CALL);
      }
    }
  }

  /**
   * Closes the socket (the reason is cut to 123 bytes) and releases what it
   * held at once: a peer that stops reading never completes the closing
   * handshake, so its close event may come much later or never.
   */
  close(code: number, reason: string): void {
    closeSocket(this.#ws, code, reason);
    this.closed(code, reason);
  }

  /** Sends tRPC's reconnect notification. */
  notifyReconnect(): void {
    if (this.#lifetime.signal.aborted) return;
    this.#out.raw(
      this.#opts.codec.encodeNotice({ id: null, method: "reconnect" }),
    );
  }

  #dispatch(frame: WireData, ctxReady: Promise<boolean>): void {
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
      this.#run(message, index, ctxReady).catch((cause) =>
        this.#out.report(getTRPCErrorFromUnknown(cause), NO_CALL)
      );
    }
  }

  async #run(
    message: TRPCClientOutgoingMessage,
    batchIndex: number,
    ctxReady: Promise<boolean>,
  ): Promise<void> {
    const { id, jsonrpc } = message;
    const ws = this.#ws;
    if (id === null) {
      return this.#out.error(null, jsonrpc, callError("no id"), NO_CALL);
    }
    if (message.method === "subscription.stop") {
      const running = this.#active.get(id);
      running?.abort();
      if (running) this.#forget(id, running);
      return;
    }
    const { path } = message.params;
    const input = inputWithLastEventId(message.params);
    const type = message.method;
    const call: Call = { path, type, input };
    if (this.#active.has(id)) {
      return this.#out.error(id, jsonrpc, callError("duplicate", id), call);
    }
    const refusal = this.#limits.admit(type);
    if (refusal !== null) return this.#out.error(id, jsonrpc, refusal, call);
    const abort = type === "subscription" ? new AbortController() : null;
    const signal = abort?.signal ?? this.#lifetime.signal;
    this.#active.set(id, abort);
    const countOut = type === "subscription"
      ? undefined
      : this.#opts.sockets?.callStarted();
    try {
      let ctxOk = this.#ctxOk;
      if (ctxOk === null) {
        this.#awaitingContext++;
        try {
          ctxOk = await ctxReady;
        } finally {
          this.#awaitingContext--;
        }
      }
      if (signal.aborted) return;
      if (!ctxOk) throw this.#ctxError; // answered under its id, as tRPC does
      const result = await runProcedure(this.#opts.router, {
        path,
        type,
        input,
        ctx: this.#ctx,
        signal,
        batchIndex,
      });
      const iterable = isObservable(result)
        ? observableToAsyncIterable(result, signal)
        : isAsyncIterable(result)
        ? result
        : null;
      if (type !== "subscription") {
        if (iterable !== null) {
          throw callError("iterable", type);
        }
        return this.#out.reply({
          id,
          jsonrpc,
          result: { type: "data", data: result },
        });
      }
      if (iterable === null) {
        throw callError("not iterable", path);
      }
      if (signal.aborted || this.#ws.readyState !== OPEN) {
        await iterable[Symbol.asyncIterator]().return?.();
        return;
      }
      this.#out.reply({ id, jsonrpc, result: { type: "started" } });
      const failure = await pump(iterable, {
        deliver: (result) => this.#out.reply({ id, jsonrpc, result }),
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        isOpen: () => ws.readyState === OPEN,
        close: (code, reason) => this.close(code, reason),
      }, { signal, limits: this.#opts }).then(
        () => null,
        (cause: unknown) => ({ cause }),
      );
      this.#forget(id, abort);
      // an iterator that threw: its error, then `stopped`, as tRPC sends them
      if (failure !== null) {
        const { cause } = failure;
        if (!signal.aborted) this.#out.error(id, jsonrpc, cause, call);
        else this.#out.report(getTRPCErrorFromUnknown(cause), call);
      }
      this.#out.reply({ id, jsonrpc, result: { type: "stopped" } });
    } catch (cause) {
      if (!signal.aborted) this.#out.error(id, jsonrpc, cause, call);
      else if (type === "subscription") {
        // stopped while it was being set up: that is a stop, not a failure
        this.#out.report(getTRPCErrorFromUnknown(cause), call);
        this.#out.reply({ id, jsonrpc, result: { type: "stopped" } });
      }
    } finally {
      this.#forget(id, abort);
      countOut?.();
      this.#closeIfRefused();
    }
  }

  /** A refused context closes once the calls that waited for it are answered. */
  #closeIfRefused(): void {
    if (this.#ctxError === null || this.#awaitingContext > 0) return;
    this.close(CLOSE_REFUSED, `connection refused: ${this.#ctxError.message}`);
  }

  /** Ends a call's bookkeeping once; a subscription frees its slot. */
  #forget(id: Id, abort: AbortController | null): void {
    if (this.#active.get(id) !== abort) return;
    this.#active.delete(id);
    if (abort !== null) this.#limits.release();
  }

  async #makeContext(
    readParams: () => Record<string, string | undefined> | null,
  ): Promise<boolean> {
    try {
      const connectionParams = readParams();
      this.#ctx = await this.#opts.createContext?.({
        req: this.#req.request,
        connectionParams,
        socket: this.#handle,
        signal: this.#lifetime.signal,
      });
      return this.#ctxOk = true;
    } catch (cause) {
      // as tRPC: the connection's error first, then each call already sent
      // under its id (they wait for this promise), then the close
      const error = getTRPCErrorFromUnknown(cause);
      this.#ctxError = error;
      this.#out.error(null, undefined, error, NO_CALL);
      this.#closeIfRefused();
      return this.#ctxOk = false;
    }
  }
}

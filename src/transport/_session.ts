import {
  type AnyRouter,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
} from "@trpc/server";
import {
  isObservable,
  observableToAsyncIterable,
} from "@trpc/server/observable";
import { type TRPCClientOutgoingMessage } from "@trpc/server/rpc";
import { CLOSE_REFUSED, CLOSE_TOO_BIG } from "../hub/close_codes.ts";
import { callError } from "./_errors.ts";
import {
  type Call,
  type Id,
  inputWithLastEventId,
  NO_CALL,
  readConnectionParams,
  readFrame,
  refuseFrame,
} from "./_frames.ts";
import { runProcedure } from "./_call.ts";
import { KeepAlive } from "./_keep_alive.ts";
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
      graceMs: opts.runtimePingS * 1000,
      ping: () => this.#out.raw("PING"),
      close: (code, reason) => this.close(code, reason),
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

  /** A frame arrived. */
  received(data: unknown): void {
    this.#keepAlive.activity();
    const refusal = refuseFrame(data, this.#opts.maxMessageBytes);
    if (refusal !== null) {
      this.#out.error(null, undefined, refusal.error, NO_CALL);
      if (refusal.close) this.close(CLOSE_TOO_BIG, refusal.error.message);
      return;
    }
    if (typeof data !== "string") return; // refuseFrame let only text pass
    if (data === "PING") return this.#out.raw("PONG");
    if (data === "PONG") return;
    if (this.#ctxReady === null) {
      this.#ctxReady = this.#makeContext(() => readConnectionParams(data));
      return;
    }
    this.#dispatch(data, this.#ctxReady);
  }

  /** The socket's close event: the handshake is over. */
  socketClosed(code: number, reason: string): void {
    this.closed(code, reason);
    this.#settle();
  }

  /** The socket closed or is closing: stop everything it started. */
  closed(code: number, reason: string): void {
    if (this.#lifetime.signal.aborted) return;
    this.#closedWith = { code, reason };
    this.#keepAlive.stop();
    this.#opts.sockets?.delete(this);
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
    this.#out.raw(JSON.stringify({ id: null, method: "reconnect" }));
  }

  #dispatch(data: string, ctxReady: Promise<boolean>): void {
    const { calls, refusals } = readFrame(data, {
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
      if (!(this.#ctxOk ?? await ctxReady) || signal.aborted) return;
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
      await pump(iterable, {
        deliver: (result) => this.#out.reply({ id, jsonrpc, result }),
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        isOpen: () => ws.readyState === OPEN,
        close: (code, reason) => this.close(code, reason),
      }, { signal, limits: this.#opts });
      this.#forget(id, abort);
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
    }
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
      const error = getTRPCErrorFromUnknown(cause);
      this.#out.error(null, undefined, error, NO_CALL);
      this.close(CLOSE_REFUSED, `connection refused: ${error.message}`);
      return this.#ctxOk = false;
    }
  }
}

import {
  type AnyRouter,
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
  TRPCError,
} from "@trpc/server";
import { parseConnectionParamsFromUnknown } from "@trpc/server/http";
import {
  isObservable,
  observableToAsyncIterable,
} from "@trpc/server/observable";
import {
  parseTRPCMessage,
  type TRPCClientOutgoingMessage,
  type TRPCErrorShape,
  type TRPCResponseMessage,
  type TRPCResultMessage,
} from "@trpc/server/rpc";
import { CLOSE_REFUSED, CLOSE_TOO_BIG } from "../hub/close_codes.ts";
import { KeepAlive } from "./_keep_alive.ts";
import { pump } from "./_pump.ts";
import {
  closeReason,
  encodeResponse,
  isAsyncIterable,
  malformed,
  OPEN,
  rawId,
  utf8Length,
  type WireSocket,
} from "./_wire.ts";
import type { RegisteredSocket } from "./socket_set.ts";
import type { ResolvedWSOptions, WSHandle } from "./ws_options.ts";

type Id = number | string;
/** A reply before encoding; `jsonrpc` echoes the request's. */
type Reply =
  & { id: Id | null; jsonrpc: "2.0" | undefined }
  & (
    | { result: TRPCResultMessage<unknown>["result"]; error?: undefined }
    | { error: TRPCErrorShape; result?: undefined }
  );
type Call = { path: string | undefined; type: string; input: unknown };
const NO_CALL: Call = { path: undefined, type: "unknown", input: undefined };

/** One socket speaking the tRPC v11 WebSocket protocol. */
export class Session<TRouter extends AnyRouter> implements RegisteredSocket {
  #ws: WireSocket;
  #req: Request;
  #opts: ResolvedWSOptions<TRouter>;
  #ctx: inferRouterContext<TRouter> | undefined = undefined;
  #ctxReady: Promise<boolean> | null = null;
  #active = new Map<Id, AbortController>();
  #closeListeners: ((info: { code: number; reason: string }) => void)[] = [];
  #lifetime = new AbortController();
  #keepAlive: KeepAlive;
  #handle: WSHandle;
  #settle!: () => void;
  /** Resolves when the socket's close handshake has finished. */
  readonly settled: Promise<void> = new Promise((
    resolve,
  ) => (this.#settle = resolve));

  constructor(ws: WireSocket, req: Request, opts: ResolvedWSOptions<TRouter>) {
    this.#ws = ws;
    this.#req = req;
    this.#opts = opts;
    this.#handle = {
      close: (code, reason) => this.close(code, reason),
      onClose: (listener) => void this.#closeListeners.push(listener),
    };
    const keepAlive = opts.keepAlive;
    this.#keepAlive = new KeepAlive({
      idleMs: opts.idleTimeoutMs,
      pingMs: keepAlive?.enabled ? keepAlive.pingMs ?? 30_000 : 0,
      pongWaitMs: keepAlive?.pongWaitMs ?? 5_000,
      ping: () => this.#sendRaw("PING"),
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
    if (typeof data !== "string") {
      return this.#refuseFrame(
        new TRPCError({
          code: "UNPROCESSABLE_CONTENT",
          message:
            "Binary frames are not accepted: send tRPC messages as JSON text frames.",
        }),
      );
    }
    const max = this.#opts.maxMessageBytes;
    const size = utf8Length(data, max);
    if (size > max) {
      this.#refuseFrame(
        new TRPCError({
          code: "PAYLOAD_TOO_LARGE",
          message:
            `Frame of ${size} bytes refused: the limit is ${max} bytes per frame.`,
        }),
      );
      return this.close(
        CLOSE_TOO_BIG,
        `frame of ${size} bytes over the ${max}-byte limit`,
      );
    }
    if (data === "PING") return this.#sendRaw("PONG");
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
    this.#keepAlive.stop();
    this.#opts.sockets?.delete(this);
    for (const call of this.#active.values()) call.abort();
    this.#active.clear();
    this.#lifetime.abort();
    for (const listener of this.#closeListeners.splice(0)) {
      try {
        listener({ code, reason });
      } catch (cause) {
        this.#report(getTRPCErrorFromUnknown(cause), NO_CALL);
      }
    }
  }

  /**
   * Closes the socket (the reason is cut to 123 bytes) and releases what it
   * held at once: a peer that stops reading never completes the closing
   * handshake, so its close event may come much later or never.
   */
  close(code: number, reason: string): void {
    if (this.#ws.readyState <= OPEN) {
      try {
        this.#ws.close(code, closeReason(reason));
      } catch {
        // already closing
      }
    }
    this.closed(code, reason);
  }

  /** Sends tRPC's reconnect notification. */
  notifyReconnect(): void {
    this.#sendRaw(JSON.stringify({ id: null, method: "reconnect" }));
  }

  #dispatch(data: string, ctxReady: Promise<boolean>): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (cause) {
      return this.#refuseFrame(
        new TRPCError({
          code: "PARSE_ERROR",
          message: `The frame is not JSON (${
            (cause as Error).message
          }): send tRPC messages as JSON.`,
          cause,
        }),
      );
    }
    const batch = Array.isArray(parsed) ? parsed : [parsed];
    if (batch.length === 0 || batch.length > this.#opts.maxBatchSize) {
      const error = new TRPCError({
        code: "BAD_REQUEST",
        message:
          `A batch holds 1 to ${this.#opts.maxBatchSize} calls; this one has ${batch.length}.`,
      });
      const ids = batch.map(rawId).filter((id) => id !== null);
      if (ids.length === 0) return this.#refuseFrame(error);
      for (const id of ids) this.#respondError(id, undefined, error, NO_CALL);
      return;
    }
    const { transformer } = this.#opts.router._def._config;
    for (const [index, raw] of batch.entries()) {
      let message: TRPCClientOutgoingMessage;
      try {
        message = parseTRPCMessage(raw, transformer);
      } catch (cause) {
        this.#respondError(rawId(raw), undefined, malformed(cause), NO_CALL);
        continue;
      }
      this.#run(message, index, ctxReady).catch((cause) =>
        this.#report(getTRPCErrorFromUnknown(cause), NO_CALL)
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
      const error = new TRPCError({
        code: "BAD_REQUEST",
        message: "Every call needs an `id` (a number or a string).",
      });
      return this.#respondError(null, jsonrpc, error, NO_CALL);
    }
    if (message.method === "subscription.stop") {
      this.#active.get(id)?.abort();
      return;
    }
    const { path, lastEventId } = message.params;
    let { input } = message.params;
    if (lastEventId !== undefined) {
      if (
        typeof input === "object" && input !== null && !Array.isArray(input)
      ) {
        input = { ...input, lastEventId };
      } else input ??= { lastEventId };
    }
    const type = message.method;
    const call: Call = { path, type, input };
    if (this.#active.has(id)) {
      const error = new TRPCError({
        code: "BAD_REQUEST",
        message:
          `Duplicate id ${id}: a call with this id is still running; give every call its own id.`,
      });
      return this.#respondError(id, jsonrpc, error, call);
    }
    const abort = new AbortController();
    this.#active.set(id, abort);
    const countOut = type === "subscription"
      ? undefined
      : this.#opts.sockets?.callStarted();
    try {
      if (!await ctxReady || abort.signal.aborted) return;
      const result = await callTRPCProcedure({
        router: this.#opts.router,
        path,
        getRawInput: () => Promise.resolve(input),
        ctx: this.#ctx,
        type,
        signal: abort.signal,
        batchIndex,
      });
      const iterable = isObservable(result)
        ? observableToAsyncIterable(result, abort.signal)
        : isAsyncIterable(result)
        ? result
        : null;
      if (type !== "subscription") {
        if (iterable !== null) {
          throw new TRPCError({
            code: "UNSUPPORTED_MEDIA_TYPE",
            message:
              `Cannot return an async iterable or observable from a ${type} procedure with WebSockets`,
          });
        }
        return this.#send({
          id,
          jsonrpc,
          result: { type: "data", data: result },
        });
      }
      if (iterable === null) {
        throw new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message:
            `Subscription ${path} did not return an observable or a AsyncGenerator`,
        });
      }
      if (abort.signal.aborted || this.#ws.readyState !== OPEN) {
        await iterable[Symbol.asyncIterator]().return?.();
        return;
      }
      this.#send({ id, jsonrpc, result: { type: "started" } });
      await pump(iterable, {
        deliver: (result) => this.#send({ id, jsonrpc, result }),
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        isOpen: () => ws.readyState === OPEN,
        close: (code, reason) => this.close(code, reason),
      }, { signal: abort.signal, limits: this.#opts });
      this.#active.delete(id);
      this.#send({ id, jsonrpc, result: { type: "stopped" } });
    } catch (cause) {
      if (!abort.signal.aborted || this.#ws.readyState === OPEN) {
        this.#respondError(id, jsonrpc, cause, call);
      }
    } finally {
      if (this.#active.get(id) === abort) this.#active.delete(id);
      countOut?.();
    }
  }

  async #makeContext(
    readParams: () => Record<string, string | undefined> | null,
  ): Promise<boolean> {
    try {
      const connectionParams = readParams();
      this.#ctx = await this.#opts.createContext?.({
        req: this.#req,
        connectionParams,
        socket: this.#handle,
        signal: this.#lifetime.signal,
      });
      return true;
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.#respondError(null, undefined, error, NO_CALL);
      this.close(CLOSE_REFUSED, `connection refused: ${error.message}`);
      return false;
    }
  }

  #refuseFrame(error: TRPCError): void {
    this.#respondError(null, undefined, error, NO_CALL);
  }

  #respondError(
    id: Id | null,
    jsonrpc: "2.0" | undefined,
    cause: unknown,
    call: Call,
  ): void {
    const error = getTRPCErrorFromUnknown(cause);
    this.#report(error, call);
    let shape: TRPCErrorShape;
    try {
      shape = getErrorShape({
        config: this.#opts.router._def._config,
        ctx: this.#ctx,
        error,
        ...call,
        type: call.type as "query",
      });
    } catch (formatError) {
      this.#report(getTRPCErrorFromUnknown(formatError), call);
      shape = {
        code: -32603,
        message: "Internal server error",
        data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
      };
    }
    this.#send({ id, jsonrpc, error: shape });
  }

  #report(error: TRPCError, call: Call): void {
    try {
      this.#opts.onError?.({ error, ...call, ctx: this.#ctx, req: this.#req });
    } catch {
      // a failing onError must not take the socket down
    }
  }

  #send(message: Reply): void {
    if (this.#ws.readyState !== OPEN) return;
    let text: string;
    try {
      text = encodeResponse(this.#opts.router, message as TRPCResponseMessage);
    } catch (cause) {
      this.#report(getTRPCErrorFromUnknown(cause), NO_CALL);
      if (message.error !== undefined) return;
      const error = new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "The result could not be serialized.",
        cause,
      });
      return this.#respondError(message.id, message.jsonrpc, error, NO_CALL);
    }
    this.#sendRaw(text);
  }

  #sendRaw(text: string): void {
    if (this.#ws.readyState !== OPEN) return;
    try {
      this.#ws.send(text);
    } catch {
      // the socket is closing; its close event cleans up
    }
  }
}

function readConnectionParams(
  data: string,
): Record<string, string | undefined> | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch (cause) {
    throw new TRPCError({
      code: "PARSE_ERROR",
      message:
        "The first message must be the connectionParams message, as JSON.",
      cause,
    });
  }
  if (
    typeof message !== "object" || message === null ||
    (message as { method?: unknown }).method !== "connectionParams"
  ) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        'With ?connectionParams=1 the first message must be {"method": "connectionParams", "data": {...}}.',
    });
  }
  try {
    return parseConnectionParamsFromUnknown(
      (message as { data?: unknown }).data,
    );
  } catch (cause) {
    const detail = cause instanceof Error && cause.cause instanceof Error
      ? cause.cause.message
      : "";
    throw new TRPCError({
      code: "PARSE_ERROR",
      message:
        `connectionParams must be an object of string values (${detail}).`,
      cause,
    });
  }
}

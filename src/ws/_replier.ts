import {
  type AnyRouter,
  getTRPCErrorFromUnknown,
  TRPCError,
} from "@trpc/server";
import type {
  TRPCErrorShape,
  TRPCResponseMessage,
  TRPCResultMessage,
} from "@trpc/server/rpc";
import { errorShapeOf } from "./_errors.ts";
import { type Call, type Id, NO_CALL, type WireData } from "./_frames.ts";
import type { Codec } from "./_codec.ts";
import type { RequestSnapshot } from "./_request.ts";
import { frameSize, OPEN, type WireSocket } from "./_wire.ts";
import type { WSErrorInfo, WSObserver } from "./ws_options.ts";

/** A reply before encoding; `jsonrpc` echoes the request's. */
export type Reply =
  & { id: Id | null; jsonrpc: "2.0" | undefined }
  & (
    | { result: TRPCResultMessage<unknown>["result"]; error?: undefined }
    | { error: TRPCErrorShape; result?: undefined }
  );

/**
 * The way out of a session: encodes replies with the router's transformer,
 * shapes errors with its formatter, reports them to `onError`, and drops
 * what cannot be sent because the socket is closing.
 */
export class Replier {
  #ws: WireSocket;
  #router: AnyRouter;
  #codec: Codec;
  #req: RequestSnapshot;
  /** The connection's context gate: its `value` once made. */
  #context: { readonly value: unknown };
  #onError: ((info: WSErrorInfo) => void) | undefined;
  #sent: ((bytes: number) => void) | undefined;

  constructor(
    ws: WireSocket,
    opts: {
      router: AnyRouter;
      codec: Codec;
      req: RequestSnapshot;
      context: { readonly value: unknown };
      onError?: ((info: WSErrorInfo) => void) | undefined;
      observer?: WSObserver | undefined;
    },
  ) {
    this.#ws = ws;
    this.#router = opts.router;
    this.#codec = opts.codec;
    this.#req = opts.req;
    this.#context = opts.context;
    this.#onError = opts.onError;
    this.#sent = opts.observer?.sent?.bind(opts.observer);
  }

  /** Sends a result or an error message. */
  reply(message: Reply): void {
    if (this.#ws.readyState !== OPEN) return;
    let frame: WireData;
    try {
      frame = this.#codec.encodeFrame(message as TRPCResponseMessage);
    } catch (cause) {
      this.report(getTRPCErrorFromUnknown(cause), NO_CALL);
      if (message.error !== undefined) return;
      const error = new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "The result could not be serialized.",
        cause,
      });
      return this.error(message.id, message.jsonrpc, error, NO_CALL);
    }
    this.raw(frame);
  }

  /** Reports an error and answers it under `id` (null: the connection). */
  error(
    id: Id | null,
    jsonrpc: "2.0" | undefined,
    cause: unknown,
    call: Call,
  ): void {
    const error = getTRPCErrorFromUnknown(cause);
    this.report(error, call);
    const shape = errorShapeOf(this.#router, {
      error,
      call,
      ctx: this.#context.value,
      onFormatError: (failure) => this.report(failure, call),
    });
    this.reply({ id, jsonrpc, error: shape });
  }

  /** Tells `onError`; a failing `onError` never takes the socket down. */
  report(error: TRPCError, call: Call): void {
    try {
      this.#onError?.({
        error,
        ...call,
        ctx: this.#context.value,
        req: this.#req.request,
      });
    } catch {
      // ignored: see above
    }
  }

  /** Sends a frame as it is (PING, PONG, notifications). */
  raw(frame: WireData): void {
    if (this.#ws.readyState !== OPEN) return;
    try {
      this.#ws.send(frame);
      this.#sent?.(frameSize(frame));
    } catch {
      // the socket is closing; its close event cleans up
    }
  }
}

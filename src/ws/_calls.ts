import { type AnyRouter, getTRPCErrorFromUnknown } from "@trpc/server";
import {
  isObservable,
  observableToAsyncIterable,
} from "@trpc/server/observable";
import type { TRPCClientOutgoingMessage } from "@trpc/server/rpc";
import { ActiveCalls } from "./_active_calls.ts";
import { runProcedure } from "./_call.ts";
import { SOCKET_CLOSED } from "./_socket_closed.ts";
import type { ContextGate } from "./_context_gate.ts";
import { callError } from "./_errors.ts";
import {
  type Call,
  type Id,
  inputWithLastEventId,
  NO_CALL,
} from "./_frames.ts";
import { CallLimits } from "./_limits.ts";
import type { Replier } from "./_replier.ts";
import { serveSubscription, SubscriptionAbort } from "./_subscription.ts";
import { isAsyncIterable, type WireSocket } from "./_wire.ts";
import type { ResolvedWSOptions, WSCallProbe, WSHandle } from "./ws_options.ts";

/**
 * The calls of one connection: each runs once its context is made, a
 * subscription until it ends or is stopped; ids are unique among the calls
 * running, and the connection's limits admit each call.
 */
export class Calls<TRouter extends AnyRouter> {
  /** Running calls; subscriptions have their own controller to stop them. */
  #active = new ActiveCalls<AbortController | null>();
  #limits: CallLimits;
  #ws: WireSocket;
  #out: Replier;
  #ctx: ContextGate<unknown>;
  #opts: ResolvedWSOptions<TRouter>;
  /** The connection: its signal, made on first read. */
  #lifetime: { readonly signal: AbortSignal };
  #close: (code: number, reason: string) => void;
  #socket: WSHandle;

  constructor(
    parts: {
      ws: WireSocket;
      out: Replier;
      ctx: ContextGate<unknown>;
      lifetime: { readonly signal: AbortSignal };
      close: (code: number, reason: string) => void;
      socket: WSHandle;
    },
    opts: ResolvedWSOptions<TRouter>,
  ) {
    this.#socket = parts.socket;
    this.#ws = parts.ws;
    this.#out = parts.out;
    this.#ctx = parts.ctx;
    this.#lifetime = parts.lifetime;
    this.#close = parts.close;
    this.#opts = opts;
    this.#limits = new CallLimits(opts);
  }

  /** Stops every call (the connection is over). */
  abortAll(): void {
    for (const call of this.#active.takeAll()) call?.abort(SOCKET_CLOSED);
  }

  /** Runs one call of a frame; every failure is answered under its id. */
  async run(
    message: TRPCClientOutgoingMessage,
    batchIndex: number,
  ): Promise<void> {
    const { id, jsonrpc } = message;
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
    let probe = this.#opts.observer?.call?.({
      path,
      type,
      socket: this.#socket,
    });
    let started: WSCallProbe | undefined; // a subscription's, to hear its end
    let handedOff = false; // a subscription serving: its end does the rest
    const abort = type === "subscription" ? new SubscriptionAbort() : null;
    const signal = abort?.signal ?? this.#lifetime.signal;
    this.#active.set(id, abort);
    const countOut = type === "subscription"
      ? undefined
      : this.#opts.sockets?.callStarted();
    try {
      // a refused context throws here: the call is answered with its error
      const ctx = await this.#ctx.wait();
      if (signal.aborted) return;
      const { router } = this.#opts;
      const options = { path, type, input, ctx, signal, batchIndex };
      const result = await (probe?.run
        ? probe.run(() =>
          runProcedure(router, options)
        )
        : runProcedure(router, options));
      const iterable = isObservable(result)
        ? observableToAsyncIterable(result, signal)
        : isAsyncIterable(result)
        ? result
        : null;
      if (type !== "subscription") {
        if (iterable !== null) {
          throw callError("iterable", type);
        }
        this.#out.reply({
          id,
          jsonrpc,
          result: { type: "data", data: result },
        });
        probe = answered(probe, null);
        return;
      }
      if (iterable === null) {
        throw callError("not iterable", path);
      }
      started = probe;
      probe = answered(probe, null);
      const ended = started;
      const setUp = serveSubscription(iterable, this.#ws, this.#out, {
        id,
        jsonrpc,
        call,
        abort: abort!,
        limits: this.#opts,
        delivered: this.#opts.observer?.delivered?.bind(this.#opts.observer),
        owner: this,
        probe: ended,
      });
      // handed off: this frame ends now and the subscription's end is heard
      // through `subscriptionEnded` (never before serveSubscription returns),
      // so a waiting subscription holds no suspended frame and no closure here
      started = undefined;
      handedOff = true;
      setUp?.then(() => this.subscriptionEnded(id, abort!, ended), (cause) => {
        // as the catch below: only the set-up's end (its iterator's
        // `return()`) can reject
        if (!signal.aborted) this.#out.error(id, jsonrpc, cause, call);
        else {
          this.#out.report(getTRPCErrorFromUnknown(cause), call);
          this.#out.reply({ id, jsonrpc, result: { type: "stopped" } });
        }
        this.subscriptionEnded(id, abort!, ended);
      });
    } catch (cause) {
      probe = answered(probe, getTRPCErrorFromUnknown(cause).code);
      if (!signal.aborted) this.#out.error(id, jsonrpc, cause, call);
      else if (type === "subscription") {
        // stopped while it was being set up: that is a stop, not a failure
        this.#out.report(getTRPCErrorFromUnknown(cause), call);
        this.#out.reply({ id, jsonrpc, result: { type: "stopped" } });
      }
    } finally {
      answered(probe, "CLIENT_CLOSED_REQUEST"); // stopped before its answer
      started?.ended?.();
      if (!handedOff) this.#forget(id, abort);
      countOut?.();
      this.#ctx.drained();
    }
  }

  /** A subscription frees its id, right before `stopped` lets the client reuse it. */
  forgetSubscription(id: Id, abort: AbortController): void {
    this.#forget(id, abort);
  }

  /** A subscription served is over (`stopped` sent): its probe and the context gate are told. */
  subscriptionEnded(
    id: Id,
    abort: AbortController,
    probe: WSCallProbe | undefined,
  ): void {
    probe?.ended?.();
    this.#forget(id, abort);
    this.#ctx.drained();
  }

  /** Closes the socket (a slow consumer). */
  closeSocket(code: number, reason: string): void {
    this.#close(code, reason);
  }

  /** Ends a call's bookkeeping once; a subscription frees its slot. */
  #forget(id: Id, abort: AbortController | null): void {
    if (this.#active.get(id) !== abort) return;
    this.#active.delete(id);
    if (abort !== null) this.#limits.release();
  }
}

/** Tells `probe` (if any) the call was answered; the probe to keep: none. */
function answered(
  probe: WSCallProbe | undefined,
  code: string | null,
): undefined {
  probe?.answered(code);
  return undefined;
}

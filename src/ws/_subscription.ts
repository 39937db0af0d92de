import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { Call, Id } from "./_frames.ts";
import type { TRPCResultMessage } from "@trpc/server/rpc";
import {
  Pump,
  type PumpEnd,
  type PumpLimits,
  type PumpOptions,
  type PumpSink,
} from "./_pump.ts";
import type { Replier } from "./_replier.ts";
import { OPEN, type WireSocket } from "./_wire.ts";

/** What serving one subscription takes. */
export interface SubscriptionCall {
  /** Its id and `jsonrpc`, echoed in every reply. */
  id: Id;
  jsonrpc: "2.0" | undefined;
  /** What is known of it, for errors. */
  call: Call;
  /** Aborted by `subscription.stop` or the socket's end; it stops the pump. */
  abort: SubscriptionAbort;
  /** Backpressure settings. */
  limits: PumpLimits;
  /** Told of each value sent. */
  delivered?: (() => void) | undefined;
  /** Closes the socket (a slow consumer). */
  close(code: number, reason: string): void;
  /** Frees the id, right before `stopped` tells the client it may reuse it. */
  forget(): void;
  /** Called once `stopped` is sent (not on the path that returns a promise). */
  ended(): void;
}

/**
 * A subscription's controller: its signal is the procedure's, and aborting
 * it (the only way it aborts) also stops the subscription's pump, so the
 * pump needs no listener on the signal.
 */
export class SubscriptionAbort extends AbortController {
  #pump: Pump | null = null;

  /** The pump to stop on abort. */
  serve(pump: Pump): void {
    this.#pump = pump;
  }

  override abort(reason?: unknown): void {
    super.abort(reason);
    this.#pump?.stop();
  }
}

/**
 * Serves a subscription's iterable as tRPC's adapter does: `started`, each
 * value, and `stopped` when it ends, is stopped or fails; an iterator that
 * throws sends its error first, then `stopped`, then `sub.ended()` is
 * called. Nothing is sent for a subscription stopped before it started:
 * its iterator is only ended, and the promise returned says when (null:
 * serving, its end is heard through `sub.ended`).
 */
export function serveSubscription(
  iterable: AsyncIterable<unknown>,
  ws: WireSocket,
  out: Replier,
  sub: SubscriptionCall,
): Promise<void> | null {
  const { id, jsonrpc, abort } = sub;
  if (abort.signal.aborted || ws.readyState !== OPEN) {
    return Promise.resolve(iterable[Symbol.asyncIterator]().return?.())
      .then(() => {});
  }
  out.reply({ id, jsonrpc, result: { type: "started" } });
  // no async function and no promise of its own: while the subscription
  // waits, only its pump's pending `next()` holds it
  const sink = new SocketSink(ws, out, sub);
  const pump = new Pump(iterable, sink, sink);
  abort.serve(pump);
  pump.start();
  return null;
}

/**
 * A subscription's sink on its socket and its pump's options: one object
 * per subscription, with methods on the prototype (an object literal with
 * a getter and three closures cost about 500 bytes per idle subscription).
 */
class SocketSink implements PumpSink, PumpOptions {
  #ws: WireSocket;
  #out: Replier;
  #sub: SubscriptionCall;

  constructor(ws: WireSocket, out: Replier, sub: SubscriptionCall) {
    this.#ws = ws;
    this.#out = out;
    this.#sub = sub;
  }

  get signal(): AbortSignal {
    return this.#sub.abort.signal;
  }

  get limits(): PumpLimits {
    return this.#sub.limits;
  }

  deliver(result: TRPCResultMessage<unknown>["result"]): void {
    const { id, jsonrpc, delivered } = this.#sub;
    this.#out.reply({ id, jsonrpc, result });
    delivered?.();
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  isOpen(): boolean {
    return this.#ws.readyState === OPEN;
  }

  close(code: number, reason: string): void {
    this.#sub.close(code, reason);
  }

  /** The pump is over: the id is freed, an error sent if any, then `stopped`. */
  done(end: PumpEnd): void {
    const sub = this.#sub;
    const out = this.#out;
    const { id, jsonrpc, call } = sub;
    try {
      sub.forget();
      if (end.failed) {
        if (!this.signal.aborted) out.error(id, jsonrpc, end.cause, call);
        else out.report(getTRPCErrorFromUnknown(end.cause), call);
      }
      out.reply({ id, jsonrpc, result: { type: "stopped" } });
    } catch (cause) {
      out.report(getTRPCErrorFromUnknown(cause), call);
    } finally {
      sub.ended();
    }
  }
}

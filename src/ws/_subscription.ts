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
import type { WSCallProbe } from "./ws_options.ts";

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
  /** The connection's calls, told of the subscription's end. */
  owner: SubscriptionOwner;
  /** The call's probe, told once the subscription is over. */
  probe: WSCallProbe | undefined;
}

/** What a serving subscription tells its connection's calls. */
export interface SubscriptionOwner {
  /** Frees the id, right before `stopped` tells the client it may reuse it. */
  forgetSubscription(id: Id, abort: AbortController): void;
  /** Called once `stopped` is sent (not on the path that returns a promise). */
  subscriptionEnded(
    id: Id,
    abort: AbortController,
    probe: WSCallProbe | undefined,
  ): void;
  /** Closes the socket (a slow consumer). */
  closeSocket(code: number, reason: string): void;
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
 * throws sends its error first, then `stopped`, then its owner's
 * `subscriptionEnded`. Nothing is sent for a subscription stopped before it started:
 * its iterator is only ended, and the promise returned says when (null:
 * serving, its end is heard through its owner).
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
  #id: Id;
  #jsonrpc: "2.0" | undefined;
  #call: Call;
  #abort: SubscriptionAbort;
  #delivered: (() => void) | undefined;
  #owner: SubscriptionOwner;
  #probe: WSCallProbe | undefined;
  readonly limits: PumpLimits;

  /** Keeps what it needs of `sub`, not `sub` itself. */
  constructor(ws: WireSocket, out: Replier, sub: SubscriptionCall) {
    this.#ws = ws;
    this.#out = out;
    this.#id = sub.id;
    this.#jsonrpc = sub.jsonrpc;
    this.#call = sub.call;
    this.#abort = sub.abort;
    this.#delivered = sub.delivered;
    this.#owner = sub.owner;
    this.#probe = sub.probe;
    this.limits = sub.limits;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  deliver(result: TRPCResultMessage<unknown>["result"]): void {
    this.#out.reply({ id: this.#id, jsonrpc: this.#jsonrpc, result });
    this.#delivered?.();
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  isOpen(): boolean {
    return this.#ws.readyState === OPEN;
  }

  close(code: number, reason: string): void {
    this.#owner.closeSocket(code, reason);
  }

  /** The pump is over: the id is freed, an error sent if any, then `stopped`. */
  done(end: PumpEnd): void {
    const out = this.#out;
    const id = this.#id;
    const jsonrpc = this.#jsonrpc;
    const call = this.#call;
    try {
      this.#owner.forgetSubscription(id, this.#abort);
      if (end.failed) {
        if (!this.signal.aborted) out.error(id, jsonrpc, end.cause, call);
        else out.report(getTRPCErrorFromUnknown(end.cause), call);
      }
      out.reply({ id, jsonrpc, result: { type: "stopped" } });
    } catch (cause) {
      out.report(getTRPCErrorFromUnknown(cause), call);
    } finally {
      this.#owner.subscriptionEnded(id, this.#abort, this.#probe);
    }
  }
}

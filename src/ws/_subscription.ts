import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { Call, Id } from "./_frames.ts";
import type { TRPCResultMessage } from "@trpc/server/rpc";
import { pump, type PumpLimits, type PumpSink } from "./_pump.ts";
import type { Replier } from "./_replier.ts";
import { OPEN, type WireSocket } from "./_wire.ts";

/** What serving one subscription takes. */
export interface SubscriptionCall {
  /** Its id and `jsonrpc`, echoed in every reply. */
  id: Id;
  jsonrpc: "2.0" | undefined;
  /** What is known of it, for errors. */
  call: Call;
  /** Aborted by `subscription.stop` or the socket's end. */
  signal: AbortSignal;
  /** Backpressure settings. */
  limits: PumpLimits;
  /** Told of each value sent. */
  delivered?: (() => void) | undefined;
  /** Closes the socket (a slow consumer). */
  close(code: number, reason: string): void;
  /** Frees the id, right before `stopped` tells the client it may reuse it. */
  forget(): void;
}

/**
 * Serves a subscription's iterable as tRPC's adapter does: `started`, each
 * value, and `stopped` when it ends, is stopped or fails; an iterator that
 * throws sends its error first, then `stopped`. Nothing is sent for a
 * subscription stopped before it started (its iterator is only ended).
 */
export function serveSubscription(
  iterable: AsyncIterable<unknown>,
  ws: WireSocket,
  out: Replier,
  sub: SubscriptionCall,
): Promise<void> {
  const { id, jsonrpc, call, signal } = sub;
  if (signal.aborted || ws.readyState !== OPEN) {
    return Promise.resolve(iterable[Symbol.asyncIterator]().return?.())
      .then(() => {});
  }
  out.reply({ id, jsonrpc, result: { type: "started" } });
  // no async function of its own: while the subscription waits, only the
  // pump is suspended (each suspended frame held about 400 bytes)
  const end = (failure: { cause: unknown } | null): void => {
    sub.forget();
    if (failure !== null) {
      if (!signal.aborted) out.error(id, jsonrpc, failure.cause, call);
      else out.report(getTRPCErrorFromUnknown(failure.cause), call);
    }
    out.reply({ id, jsonrpc, result: { type: "stopped" } });
  };
  const sink = new SocketSink(ws, out, sub);
  return pump(iterable, sink, { signal, limits: sub.limits }).then(
    () => end(null),
    (cause: unknown) => end({ cause }),
  );
}

/**
 * A subscription's sink on its socket: one object per subscription, with
 * methods on the prototype (an object literal with a getter and three
 * closures cost about 500 bytes per idle subscription).
 */
class SocketSink implements PumpSink {
  #ws: WireSocket;
  #out: Replier;
  #sub: SubscriptionCall;

  constructor(ws: WireSocket, out: Replier, sub: SubscriptionCall) {
    this.#ws = ws;
    this.#out = out;
    this.#sub = sub;
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
}

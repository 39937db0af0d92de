import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { Call, Id } from "./_frames.ts";
import { pump, type PumpLimits } from "./_pump.ts";
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
export async function serveSubscription(
  iterable: AsyncIterable<unknown>,
  ws: WireSocket,
  out: Replier,
  sub: SubscriptionCall,
): Promise<void> {
  const { id, jsonrpc, call, signal } = sub;
  if (signal.aborted || ws.readyState !== OPEN) {
    await iterable[Symbol.asyncIterator]().return?.();
    return;
  }
  out.reply({ id, jsonrpc, result: { type: "started" } });
  const { delivered } = sub;
  const failure = await pump(iterable, {
    deliver: delivered === undefined
      ? (result) => out.reply({ id, jsonrpc, result })
      : (result) => {
        out.reply({ id, jsonrpc, result });
        delivered();
      },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    isOpen: () => ws.readyState === OPEN,
    close: sub.close,
  }, { signal, limits: sub.limits }).then(
    () => null,
    (cause: unknown) => ({ cause }),
  );
  sub.forget();
  if (failure !== null) {
    if (!signal.aborted) out.error(id, jsonrpc, failure.cause, call);
    else out.report(getTRPCErrorFromUnknown(failure.cause), call);
  }
  out.reply({ id, jsonrpc, result: { type: "stopped" } });
}

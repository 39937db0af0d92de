import { getErrorShape, TRPCError } from "@trpc/server";
import { type AppContext, appRouter } from "../api/mod.ts";
import { OPERATOR_SSE_CODE } from "../contract/mod.ts";

/**
 * A request to end an SSE stream from the server, made before its body
 * exists (the context is made first): {@linkcode endableBody} hears it.
 */
export class SseEnding {
  #event: string | null = null;
  #listener: ((event: string) => void) | null = null;

  /** Ends the stream with `event` (a whole SSE event); later calls are ignored. */
  end(event: string): void {
    if (this.#event !== null) return;
    this.#event = event;
    this.#listener?.(event);
  }

  /** Calls `listener` once `end` is asked (at once if it was). */
  onEnd(listener: (event: string) => void): void {
    this.#listener = listener;
    if (this.#event !== null) listener(this.#event);
  }
}

/**
 * The SSE event ending a subscription with {@linkcode OPERATOR_SSE_CODE}
 * and the operator's `reason` (already cleaned), as tRPC itself sends a
 * subscription's error (`serialized-error`, the router's error shape and
 * transformer): `httpSubscriptionLink` hands it to `onError` as a
 * `TRPCClientError` and does not reconnect (the code is not retryable).
 */
export function operatorEndEvent(
  ctx: AppContext,
  opts: { path: string; reason: string },
): string {
  const config = appRouter._def._config;
  const error = new TRPCError({
    code: OPERATOR_SSE_CODE,
    message:
      `An operator closed this stream (admin.closeClient): ${opts.reason}. Subscribing again opens a new stream (with lastEventId, from the last event received).`,
  });
  const shape = getErrorShape({
    config,
    error,
    type: "subscription",
    path: opts.path,
    input: undefined,
    ctx,
  });
  const data = JSON.stringify(config.transformer.output.serialize(shape));
  return `event: serialized-error\ndata: ${data}\n\n`;
}

/** Whether `chunk` ends an SSE event (its blank line). */
function endsEvent(chunk: Uint8Array): boolean {
  return chunk.length >= 2 && chunk[chunk.length - 1] === 10 &&
    chunk[chunk.length - 2] === 10;
}

/**
 * `response` whose body calls `release` once it ended, failed or was
 * cancelled (the client went away); at once when it has no body. Once
 * `ending` is asked, its event is sent between two of the stream's events
 * (after the one being written, if any), the body closes and tRPC's
 * stream is cancelled, which ends the subscription on the server.
 */
export function endableBody(
  response: Response,
  opts: { release: () => void; ending: SseEnding },
): Response {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    opts.release();
  };
  if (response.body === null) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  let finished = false;
  let atBoundary = true; // nothing sent yet
  let endEvent: Uint8Array | null = null;
  const finish = (
    controller: ReadableStreamDefaultController<Uint8Array>,
  ): void => {
    finished = true;
    if (endEvent !== null) controller.enqueue(endEvent);
    controller.close();
    release();
    reader.cancel().catch(() => {}); // tRPC's stream: nothing to report
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      opts.ending.onEnd((event) => {
        if (finished) return;
        endEvent = new TextEncoder().encode(event);
        if (atBoundary) finish(controller);
      });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (finished) return; // ended while reading
        if (done) return finish(controller);
        controller.enqueue(value);
        atBoundary = endsEvent(value);
        if (endEvent !== null && atBoundary) finish(controller);
      } catch (error) {
        if (finished) return;
        finished = true;
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      finished = true;
      release();
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
  return new Response(body, {
    status: response.status,
    headers: response.headers,
  });
}

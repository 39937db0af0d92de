/**
 * `endableBody` (src/server/_sse_body.ts) on a hand-fed SSE stream: the
 * operator's event goes between two events, never inside one, the body
 * then closes, tRPC's stream is cancelled and `release` runs once.
 * @module
 */
import assert from "node:assert/strict";
import { endableBody, SseEnding } from "../src/server/_sse_body.ts";

/** A response whose body the test feeds chunk by chunk. */
function fedResponse(): {
  response: Response;
  feed: (text: string) => void;
  cancelled: Promise<unknown>;
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const { promise: cancelled, resolve } = Promise.withResolvers<unknown>();
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: resolve,
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, {
      headers: { "content-type": "text/event-stream" },
    }),
    feed: (text) => controller.enqueue(encoder.encode(text)),
    cancelled,
  };
}

Deno.test("endableBody: an end asked inside an event waits for its blank line, then sends the end event, closes, cancels the inner stream and releases once", async () => {
  const { response, feed, cancelled } = fedResponse();
  const ending = new SseEnding();
  let released = 0;
  const body = endableBody(response, {
    release: () => released++,
    ending,
  });
  const reader = body.body!.pipeThrough(new TextDecoderStream()).getReader();
  feed("event: a\n");
  feed("data: 1\n");
  assert.equal((await reader.read()).value, "event: a\n");
  assert.equal((await reader.read()).value, "data: 1\n");
  ending.end("event: end\ndata: bye\n\n");
  ending.end("event: again\n\n"); // ignored
  assert.equal(released, 0);
  feed("\n\n");
  feed("data: never\n\n");
  let rest = "";
  for (let reads = 0; reads < 10; reads++) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += value;
  }
  assert.equal(rest, "\n\nevent: end\ndata: bye\n\n");
  await cancelled;
  assert.equal(released, 1);
});

Deno.test("endableBody: an end asked before the body is read ends it at once with the end event alone; a body read to its end releases once", async () => {
  const first = fedResponse();
  const ending = new SseEnding();
  ending.end("event: end\n\n");
  let released = 0;
  const ended = endableBody(first.response, {
    release: () => released++,
    ending,
  });
  assert.equal(await ended.text(), "event: end\n\n");
  await first.cancelled;
  assert.equal(released, 1);

  const whole = endableBody(new Response("data: 1\n\n"), {
    release: () => released++,
    ending: new SseEnding(),
  });
  assert.equal(await whole.text(), "data: 1\n\n");
  assert.equal(released, 2);
});

import type { Refusal } from "./access_guard.ts";
import { batchSizeMessage } from "../ws/_message_limits.ts";

/** The size limits of a plain HTTP `/trpc` request. */
export interface HttpSizeLimits {
  /** The most calls in one batch (the WebSocket adapter's `maxBatchSize`). */
  maxBatchSize: number;
  /** The largest body, and the longest URL, in bytes (`WS_MAX_MESSAGE_BYTES`). */
  maxBytes: number;
}

/**
 * The calls of a plain HTTP tRPC request to `endpoint`: with `?batch=1`,
 * one per comma-separated procedure path (as tRPC's fetch adapter splits
 * them), else 1.
 */
export function httpCallCount(url: URL, endpoint: string): number {
  return httpCallPaths(url, endpoint).length;
}

/** The procedure paths of a request's calls, as tRPC reads them (a batch's split at `,`). */
export function httpCallPaths(url: URL, endpoint: string): string[] {
  let path = url.pathname.slice(endpoint.length + 1);
  try {
    path = decodeURIComponent(path);
  } catch {
    // tRPC refuses the path itself; count it as written
  }
  return url.searchParams.get("batch") === "1" ? path.split(",") : [path];
}

/**
 * What may be known before reading the body: a 400 for a batch over
 * `maxBatchSize`, a 413 for a URL or a declared `content-length` over
 * `maxBytes`; else null.
 */
export function checkHttpSize(
  req: Request,
  opts: HttpSizeLimits & { calls: number },
): Refusal | null {
  if (opts.calls > opts.maxBatchSize) {
    return {
      status: 400,
      message: batchSizeMessage(opts.maxBatchSize, opts.calls),
    };
  }
  if (req.url.length > opts.maxBytes) {
    return tooLarge(
      `The request URL has ${req.url.length} bytes`,
      opts.maxBytes,
    );
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > opts.maxBytes) {
    return tooLarge(`The request body has ${declared} bytes`, opts.maxBytes);
  }
  return null;
}

/**
 * `req` with a body no longer than `maxBytes`: as it is when it has no
 * body or declares its `content-length` (the server reads no more than
 * that), else read with a running count into a copy of the request. Past
 * `maxBytes` the body stream is cancelled at once, unread, and a 413 is
 * returned.
 */
export async function boundBody(
  req: Request,
  maxBytes: number,
): Promise<Request | Refusal> {
  if (req.body === null || req.headers.has("content-length")) return req;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge(`The request body passed ${maxBytes} bytes`, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
  });
}

function tooLarge(what: string, maxBytes: number): Refusal {
  return {
    status: 413,
    message:
      `${what}; the most accepted is ${maxBytes} (WS_MAX_MESSAGE_BYTES): send less in one request, e.g. split the batch.`,
  };
}

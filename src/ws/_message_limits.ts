/**
 * The most calls in one batch, over WebSocket (one frame) and plain HTTP
 * (one request) alike, unless the adapter's `maxBatchSize` says otherwise.
 */
export const DEFAULT_MAX_BATCH_SIZE = 100;

/**
 * The largest message in bytes, a WebSocket frame or an HTTP request's body
 * or URL, unless the adapter's `maxMessageBytes` says otherwise (the server
 * sets it from `WS_MAX_MESSAGE_BYTES`).
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

/** The sentence of a batch refused for its size (`calls` is 0 or over `max`). */
export function batchSizeMessage(max: number, calls: number): string {
  return `A batch holds 1 to ${max} calls; this one has ${calls}.`;
}

/**
 * The reason of every connection's and subscription's abort when its socket
 * closed: one shared error, not a `DOMException` (and its stack) per socket.
 */
export const SOCKET_CLOSED: DOMException = new DOMException(
  "The WebSocket closed.",
  "AbortError",
);

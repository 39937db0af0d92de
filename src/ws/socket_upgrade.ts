/**
 * `Deno.upgradeWebSocket` for requests that did not come through
 * `Deno.serve`: a listener that read a WebSocket upgrade's head itself (the
 * server's connection front) attaches its connection, in the socket shape
 * `Deno.upgradeWebSocket`'s `socket` option reads, to the `Request` it
 * made, and the upgrade then runs on that connection (Deno writes the
 * 101), with no second connection and no copy of the frames.
 * @module
 */

/** The socket and the bytes read past the head, of an attached request. */
type Attached = {
  socket: NonNullable<Deno.UpgradeWebSocketOptions["socket"]>;
  head: Uint8Array;
};

const attached = new WeakMap<Request, Attached>();
const upgraded = new WeakSet<Request>();

/**
 * Marks `request` as read from `socket`; `head` is what arrived after its
 * blank line. A later {@linkcode upgradeWebSocket} of it upgrades `socket`.
 */
export function attachSocket(
  request: Request,
  socket: Attached["socket"],
  head: Uint8Array,
): void {
  attached.set(request, { socket, head });
}

/** Whether {@linkcode upgradeWebSocket} took the socket attached to `request`. */
export function upgradedOnSocket(request: Request): boolean {
  return upgraded.has(request);
}

/**
 * `Deno.upgradeWebSocket(request, options)`, on the attached socket if
 * there is one. Throws as Deno does for a request that is no valid upgrade.
 */
export function upgradeWebSocket(
  request: Request,
  options: { idleTimeout?: number; protocol?: string } = {},
): Deno.WebSocketUpgrade {
  const raw = attached.get(request);
  if (raw === undefined) return Deno.upgradeWebSocket(request, options);
  attached.delete(request);
  const result = Deno.upgradeWebSocket(request, { ...options, ...raw });
  upgraded.add(request);
  closeOnFailedUpgrade(result.socket);
  return result;
}

/**
 * On a `socket` upgrade Deno writes the 101 and takes the stream after the
 * call returns; if that fails (the client reset in between) it dispatches
 * an `error` and never a `close`, which is what ends a session. This one
 * dispatches that `close` (1006), once, for a socket that never opened.
 */
function closeOnFailedUpgrade(socket: WebSocket): void {
  const failed = (): void => {
    socket.removeEventListener("open", opened);
    if (socket.readyState !== WebSocket.CONNECTING) return;
    socket.dispatchEvent(
      new CloseEvent("close", {
        code: 1006,
        reason: "the WebSocket upgrade failed",
        wasClean: false,
      }),
    );
  };
  const opened = (): void => socket.removeEventListener("error", failed);
  socket.addEventListener("error", failed, { once: true });
  socket.addEventListener("open", opened, { once: true });
}

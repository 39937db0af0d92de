import type { AnyRouter } from "@trpc/server";
import { RequestSnapshot } from "./_request.ts";
import { Session } from "./_session.ts";
import { jsonResponse } from "./_wire.ts";
import {
  type ResolvedWSOptions,
  resolveWSOptions,
  type WSAdapterOptions,
} from "./ws_options.ts";

const resolved = new WeakMap<object, ResolvedWSOptions<AnyRouter>>();

/**
 * Upgrades a request to a WebSocket that serves `opts.router` with the tRPC
 * v11 WebSocket protocol, as `@trpc/client`'s `createWSClient` and `wsLink`
 * expect it. Returns the upgrade response (426 for a request that is not an
 * upgrade, 503 while `opts.sockets` drains for a shutdown).
 *
 * @example
 * ```ts
 * Deno.serve((req) => upgradeTRPCWebSocket(req, { router, createContext }));
 * ```
 */
export function upgradeTRPCWebSocket<TRouter extends AnyRouter>(
  req: Request,
  opts: WSAdapterOptions<TRouter>,
): Response {
  if (opts.sockets?.draining) {
    return jsonResponse(503, {
      error: "The server is shutting down: reconnect in a moment.",
    }, { "retry-after": "1" });
  }
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return jsonResponse(426, {
      error:
        "This endpoint speaks WebSocket: send an upgrade request, or use /trpc over HTTP.",
    }, { upgrade: "websocket" });
  }
  let options = resolved.get(opts) as ResolvedWSOptions<TRouter> | undefined;
  if (options === undefined) {
    options = resolveWSOptions(opts);
    resolved.set(opts, options as ResolvedWSOptions<AnyRouter>);
  }
  // Deno closes the request once upgraded: keep what contexts may read.
  const snapshot = new RequestSnapshot(req);
  const { socket, response } = Deno.upgradeWebSocket(req, {
    idleTimeout: options.runtimePingS,
  });
  const session = new Session(socket, snapshot, options);
  socket.onopen = () => session.opened();
  socket.onmessage = (event) => session.received(event.data);
  socket.onclose = (event) => session.socketClosed(event.code, event.reason);
  socket.onerror = () => {
    // a close event follows; the session cleans up there
  };
  return response;
}

import type { AnyRouter } from "@trpc/server";
import { RequestSnapshot } from "./_request.ts";
import { Session } from "./_session.ts";
import { jsonResponse } from "./_wire.ts";
import { upgradeWebSocket } from "./socket_upgrade.ts";
import {
  type ResolvedWSOptions,
  resolveWSOptions,
  type WSAdapterOptions,
  type WSConnectionHooks,
} from "./ws_options.ts";

const resolved = new WeakMap<object, ResolvedWSOptions<AnyRouter>>();

/**
 * Upgrades a request to a WebSocket that serves `opts.router` with the tRPC
 * v11 WebSocket protocol, as `@trpc/client`'s `createWSClient` and `wsLink`
 * expect it. Returns the upgrade response (426 for a request that is not an
 * upgrade, 503 while `opts.sockets` drains for a shutdown).
 * `connection.onClosed` is called once when this connection is over: its
 * socket closed, or the upgrade was refused or failed.
 *
 * @example
 * ```ts
 * import { initTRPC } from "@trpc/server";
 * import { upgradeTRPCWebSocket } from "./ws_adapter.ts";
 *
 * const t = initTRPC.create();
 * const router = t.router({ hello: t.procedure.query(() => "hi") });
 * // Serves `router` on every upgrade request that reaches `port`.
 * export function serve(port: number): Deno.HttpServer {
 *   return Deno.serve({ port }, (req) => upgradeTRPCWebSocket(req, { router }));
 * }
 * ```
 */
export function upgradeTRPCWebSocket<TRouter extends AnyRouter>(
  req: Request,
  opts: WSAdapterOptions<TRouter>,
  connection: WSConnectionHooks = {},
): Response {
  const { onClosed } = connection;
  if (onClosed === undefined) return upgrade(req, opts, connection);
  let response: Response;
  try {
    response = upgrade(req, opts, connection);
  } catch (error) {
    onClosed();
    throw error;
  }
  if (response.status !== 101) onClosed();
  return response;
}

function upgrade<TRouter extends AnyRouter>(
  req: Request,
  opts: WSAdapterOptions<TRouter>,
  connection: WSConnectionHooks,
): Response {
  const { onClosed } = connection;
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
  const snapshot = new RequestSnapshot(req, connection.remoteAddress);
  let upgraded: ReturnType<typeof Deno.upgradeWebSocket>;
  try {
    upgraded = upgradeWebSocket(req, {
      idleTimeout: options.runtimePingS,
    });
  } catch (cause) {
    // e.g. no `Connection: Upgrade` or no `Sec-WebSocket-Key`
    const why = cause instanceof Error ? cause.message : String(cause);
    return jsonResponse(400, {
      error:
        `Malformed WebSocket upgrade request (${why}): send the headers of RFC 6455 (a WebSocket client does).`,
    });
  }
  const { socket, response } = upgraded;
  socket.binaryType = "arraybuffer"; // binary frames reach an encoder as bytes
  const session = new Session(socket, snapshot, options);
  const events = new SocketEvents(session, onClosed);
  socket.addEventListener("open", events);
  socket.addEventListener("message", events);
  socket.addEventListener("close", events);
  // no "error" listener: a close event follows every error, and each
  // listener costs its socket about 250 bytes in Deno's EventTarget
  return response;
}

/**
 * One socket's listener for its three events (`handleEvent`): one object
 * per socket instead of an `on*` handler each, which Deno wraps in a
 * closure of its own (about 700 bytes per socket in all). It does not hear
 * `error`: a close event follows, and the session cleans up there.
 */
class SocketEvents {
  #session: Session<AnyRouter>;
  #onClosed: (() => void) | undefined;

  constructor(session: Session<AnyRouter>, onClosed?: () => void) {
    this.#session = session;
    this.#onClosed = onClosed;
  }

  handleEvent(event: Event): void {
    switch (event.type) {
      case "message":
        return this.#session.received((event as MessageEvent).data);
      case "open":
        return this.#session.opened();
      case "close": {
        const { code, reason } = event as CloseEvent;
        this.#session.socketClosed(code, reason);
        return this.#onClosed?.();
      }
    }
  }
}

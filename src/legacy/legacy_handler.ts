import type { AppContext, AppRouter, ContextRequest } from "../api/mod.ts";
import { jsonResponse } from "../ws/_wire.ts";
import { upgradeWebSocket } from "../ws/socket_upgrade.ts";
import type { WSAdapterOptions, WSObserver } from "../ws/ws_options.ts";
import { LegacySession } from "./legacy_session.ts";

/** The paths of the original JSON protocol: `/ws/{client_id}`. */
export const LEGACY_PATH: RegExp = /^\/ws(?:\/|$)/;

/** Why an upgrade is refused: the HTTP status and a sentence. */
export interface GateRefusal {
  status: number;
  message: string;
}

/**
 * What is checked before an upgrade, as on `/trpc`: the browser origin, and
 * a WebSocket slot of the remote address (released by calling it).
 */
export interface SocketGate {
  checkOrigin(req: Request): GateRefusal | null;
  openSocket(address: string): (() => void) | GateRefusal;
}

/** What the legacy endpoint needs: the tRPC socket's settings, reused. */
export interface LegacyHandlerOptions {
  /** Makes a connection's context, as for tRPC sockets. */
  createContext: (request: ContextRequest) => AppContext | Promise<AppContext>;
  /** The WebSocket limits of the tRPC endpoint, applied here too. */
  ws: Omit<WSAdapterOptions<AppRouter>, "router" | "createContext">;
  /** Origins and WebSockets per remote address (the server's access guard). */
  guard: SocketGate;
  /** Called with every error (the server logs internal ones). */
  onError?: (error: Error, path: string | undefined) => void;
  /** Told of each connection, what it sends and what its limits refuse. */
  legacyObserver?: WSObserver | undefined;
}

/**
 * The handler of `ws://HOST:PORT/ws/{client_id}?client_type={ui|agent|observer}`:
 * the original plain-JSON protocol on the same hub and games as tRPC. The
 * seat (or admin, or spectator) token comes as `Authorization: Bearer` or
 * `?token=` (removed from the URL the server keeps); `?last_event_id=`
 * resumes. Browser origins and the WebSockets per address are checked as
 * on `/trpc`; `address` is the remote address the request came from.
 */
export function createLegacyHandler(
  opts: LegacyHandlerOptions,
): (req: Request, address: string) => Response {
  const { guard } = opts;
  const { ws } = opts;
  const keepAlive = ws.keepAlive;
  const pingS = keepAlive?.enabled
    ? Math.max(1, Math.ceil((keepAlive.pingMs ?? 30_000) / 1000))
    : 0;
  return (req, address) => {
    const url = new URL(req.url);
    const match = /^\/ws\/([^/]+)$/.exec(url.pathname);
    let clientId: string | null = null;
    try {
      clientId = match === null ? null : decodeURIComponent(match[1] as string);
    } catch {
      clientId = null;
    }
    if (clientId === null) {
      return jsonResponse(404, {
        error:
          `No route for ${url.pathname}: the original JSON protocol is at /ws/{client_id}?client_type={ui|agent|observer}, one path segment naming the client.`,
      });
    }
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return jsonResponse(426, {
        error:
          "/ws/{client_id} speaks WebSocket (the original JSON protocol): send an upgrade request.",
      }, { upgrade: "websocket" });
    }
    if (ws.sockets?.draining) {
      return jsonResponse(503, {
        error: "The server is shutting down: reconnect in a moment.",
      }, { "retry-after": "1" });
    }
    const slot = guard.checkOrigin(req) ??
      guard.openSocket(address);
    if (typeof slot !== "function") {
      return jsonResponse(slot.status, { error: slot.message });
    }
    const token = url.searchParams.get("token") ?? undefined;
    const lastEventId = url.searchParams.get("last_event_id");
    url.searchParams.delete("token"); // secrets stay out of what is kept
    const request = new Request(url); // headers appended: a Headers init costs 4x
    req.headers.forEach((value, name) => request.headers.append(name, value));
    let upgraded: ReturnType<typeof Deno.upgradeWebSocket>;
    try {
      upgraded = upgradeWebSocket(req, { idleTimeout: pingS });
    } catch (cause) {
      slot();
      const why = cause instanceof Error ? cause.message : String(cause);
      return jsonResponse(400, {
        error:
          `Malformed WebSocket upgrade request (${why}): send the headers of RFC 6455 (a WebSocket client does).`,
      });
    }
    const { socket, response } = upgraded;
    const session = new LegacySession(socket, {
      createContext: opts.createContext,
      request,
      connectionParams: {
        clientId,
        clientType: url.searchParams.get("client_type") ?? undefined,
        token,
      },
      lastEventId,
      idleTimeoutMs: ws.idleTimeoutMs ?? 0,
      maxMessageBytes: ws.maxMessageBytes ?? 1024 * 1024,
      rateLimit: ws.rateLimit,
      now: ws.now,
      sockets: ws.sockets,
      highWaterMark: ws.highWaterMark ?? 1024 * 1024,
      maxBufferedBytes: ws.maxBufferedBytes ?? 8 * 1024 * 1024,
      slowConsumerMs: ws.slowConsumerMs ?? 30_000,
      onError: opts.onError,
      observer: opts.legacyObserver,
      remoteAddress: address,
    });
    socket.onopen = () => session.opened();
    socket.onmessage = (event) => session.received(event.data);
    socket.onclose = (event) => {
      session.socketClosed(event.code, event.reason);
      slot();
    };
    socket.onerror = () => {
      // a close event follows; the session cleans up there
    };
    return response;
  };
}

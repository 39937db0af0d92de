import {
  type AppContext,
  type AppRouter,
  appRouter,
  type ContextRequest,
} from "../api/mod.ts";
import type { Hub } from "../hub/mod.ts";
import type { InstanceStat } from "../contract/mod.ts";
import {
  type Census,
  clusterHealth,
  clusterStats,
} from "./_cluster_reports.ts";
import { AccessGuard, remoteAddress } from "./access_guard.ts";
import { upgradeTRPCWebSocket } from "../ws/ws_adapter.ts";
import { createLegacyHandler, LEGACY_PATH } from "../legacy/mod.ts";
import { createTRPCHttpHandler, type HttpStream } from "./_trpc_http.ts";
import {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_MESSAGE_BYTES,
} from "../ws/_message_limits.ts";
import { jsonResponse } from "../ws/_wire.ts";
import { TRANSCRIPT_PATH, transcriptResponse } from "./_transcript.ts";
import {
  TOURNAMENT_RESULTS_PATH,
  tournamentResultsResponse,
} from "./_tournament_http.ts";
import { isWebPath, webResponse } from "./_web.ts";
import type { WSAdapterOptions, WSObserver } from "../ws/ws_options.ts";
import { type MetricsEndpoint, metricsResponse } from "./_metrics_route.ts";

/** What the HTTP handler serves. */
export interface HttpHandlerOptions {
  /** The hub, for `/health` and `/stats`. */
  hub: Hub;
  /** Makes a procedure's context. */
  createContext: (request: ContextRequest) => AppContext | Promise<AppContext>;
  /** The WebSocket adapter's options (its `createContext` is set here). */
  ws: Omit<WSAdapterOptions<AppRouter>, "router" | "createContext">;
  /** Called with every tRPC error (over WebSocket or HTTP). */
  onError?: (error: Error, path: string | undefined) => void;
  /** Origins, WebSockets and SSE streams per address, HTTP rate. Default: loopback origins, no limits. */
  guard?: AccessGuard;
  /** `GET /metrics`; without it, that path is a 404. */
  metrics?: MetricsEndpoint | undefined;
  /** Told of each original-protocol socket (`/ws/`), as `ws.observer` of tRPC's. */
  legacyObserver?: WSObserver | undefined;
  /** Counts an SSE stream in; returns what counts it out. */
  onStream?: ((stream: HttpStream) => () => void) | undefined;
  /** Times one plain HTTP call of `path` (see `_trpc_http.ts`). */
  onHttpCall?:
    | ((path: string) => { answered(code: string | null): void })
    | undefined;
  /**
   * Why games cannot be served now (`/ready` answers 503 `{"status":
   * "unavailable","reason"}`), or null. Default: always ready.
   */
  unready?: (() => string | null) | undefined;
  /**
   * The live instances of the cluster, for `GET /stats`' `cluster`;
   * undefined: one instance alone (no `cluster` field).
   */
  instances?: (() => Promise<InstanceStat[]>) | undefined;
  /**
   * The cluster's instances and games, for `GET /health`'s `cluster`;
   * undefined: one instance alone.
   */
  census?: Census | undefined;
}

const ENDPOINT = "/trpc";

/**
 * The server's request handler: the spectator page (`GET /` and its
 * files), `GET /health`, `GET /stats`, `GET /ready`, `GET /metrics`
 * (with `opts.metrics`), and the tRPC
 * router at `/trpc`, over WebSocket (an upgrade request) or plain HTTP
 * (queries, mutations, and SSE subscriptions). Anything else is a 404.
 * `/trpc` requests pass `opts.guard` first: a browser `Origin` not allowed
 * gets a 403, a remote address over its WebSockets and SSE streams or its
 * HTTP rate a 429. Plain HTTP `/trpc` requests share the WebSocket's
 * limits: `maxBatchSize` calls in a batch, `maxMessageBytes` of body or
 * URL, `maxSubscriptions` SSE streams per client.
 */
export function createHttpHandler(
  opts: HttpHandlerOptions,
): (
  req: Request,
  info?: Deno.ServeHandlerInfo,
) => Response | Promise<Response> {
  const guard = opts.guard ?? new AccessGuard();
  const wsOptions: WSAdapterOptions<AppRouter> = {
    ...opts.ws,
    router: appRouter,
    createContext: opts.createContext, // reads the request only if it must
    onError: ({ error, path }) => opts.onError?.(error, path),
  };
  const legacy = createLegacyHandler({ ...opts, guard });
  const trpcHttp = createTRPCHttpHandler({
    endpoint: ENDPOINT,
    guard,
    limits: {
      maxBatchSize: opts.ws.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
      maxBytes: opts.ws.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    },
    maxSubscriptions: opts.ws.maxSubscriptions ?? 0,
    createContext: opts.createContext,
    onError: opts.onError,
    onStream: opts.onStream,
    onCall: opts.onHttpCall,
  });
  return (req, info) => {
    const url = new URL(req.url);
    const { pathname } = url;
    if (LEGACY_PATH.test(pathname)) return legacy(req, remoteAddress(info)); // the original JSON protocol
    if (pathname === ENDPOINT || pathname.startsWith(`${ENDPOINT}/`)) {
      const address = remoteAddress(info);
      if (req.headers.get("upgrade")?.toLowerCase() === "websocket") {
        const slot = guard.checkOrigin(req) ?? guard.openSocket(address);
        if (typeof slot !== "function") {
          return jsonResponse(slot.status, { error: slot.message });
        }
        return upgradeTRPCWebSocket(req, wsOptions, {
          onClosed: slot,
          remoteAddress: address,
        });
      }
      return trpcHttp(req, address);
    }
    const transcript = TRANSCRIPT_PATH.exec(pathname);
    if (transcript !== null) {
      return transcriptResponse(req, {
        gameId: transcript[1] as string,
        createContext: opts.createContext,
      });
    }
    const results = TOURNAMENT_RESULTS_PATH.exec(pathname);
    if (results !== null) {
      return tournamentResultsResponse(req, {
        match: results,
        createContext: opts.createContext,
      });
    }
    if (
      pathname === "/health" || pathname === "/stats" || pathname === "/ready"
    ) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        return jsonResponse(405, { error: `${pathname} answers GET only.` }, {
          allow: "GET, HEAD",
        });
      }
      if (pathname === "/ready") {
        return readyResponse(
          opts.ws.sockets?.draining,
          opts.unready?.() ?? null,
        );
      }
      if (pathname === "/stats" && opts.instances !== undefined) {
        return clusterStats(opts.hub.stats(), opts.instances);
      }
      if (pathname === "/health" && opts.census !== undefined) {
        return clusterHealth(opts.hub.health(), opts.census);
      }
      return jsonResponse(
        200,
        pathname === "/health" ? opts.hub.health() : opts.hub.stats(),
      );
    }
    if (pathname === "/metrics" && opts.metrics !== undefined) {
      return metricsResponse(req, remoteAddress(info), opts.metrics);
    }
    if (isWebPath(pathname)) return webResponse(req, pathname);
    return jsonResponse(404, {
      error:
        `No route for ${req.method} ${pathname}: this server serves the spectator page at /, /trpc (tRPC over WebSocket and HTTP), /ws/{client_id} (the original JSON protocol), GET /health, GET /stats, GET /ready, GET /metrics, GET /games/{gameId}/transcript.jsonl and GET /tournaments/{tournamentId}/results.json (or results.csv).`,
    });
  };
}

/**
 * `GET /ready`: 200 `{"status":"ready"}` while the server takes new
 * clients, 503 `{"status":"draining"}` from the moment a shutdown begins
 * (SIGTERM), so that a load balancer stops sending clients before the
 * sockets close; 503 `{"status":"unavailable","reason"}` while the
 * store cannot be reached (Redis down).
 */
function readyResponse(
  draining: boolean | undefined,
  unready: string | null,
): Response {
  if (draining === true) return jsonResponse(503, { status: "draining" });
  if (unready !== null) {
    return jsonResponse(503, { status: "unavailable", reason: unready });
  }
  return jsonResponse(200, { status: "ready" });
}

import { appRouter, createContextFactory } from "../api/mod.ts";
import { GameService, systemClock, TournamentService } from "../game/mod.ts";
import { CLOSE_RESTART, Hub } from "../hub/mod.ts";
import type { ServerConfig } from "./config.ts";
import { AccessGuard } from "./access_guard.ts";
import { createHttpHandler } from "./http.ts";
import { readTlsFiles, type TlsFiles, withTlsErrors } from "./_tls.ts";
import { SocketSet } from "../ws/socket_set.ts";
import { ConnectionFront } from "./front.ts";
import { openStore } from "./_store.ts";
import { createLogger } from "./log.ts";
import { ServerMetrics } from "./metrics.ts";
import {
  bothGame,
  bothWS,
  tracingGameObserver,
  tracingWSObserver,
} from "./_tracing.ts";

/** A running server. */
export interface RunningServer {
  /** The address it listens on, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The connection hub. */
  readonly hub: Hub;
  /** The games. */
  readonly games: GameService;
  /** The open tRPC sockets. */
  readonly sockets: SocketSet;
  /** Allowed origins, WebSockets and SSE streams per address, HTTP rate per address. */
  readonly guard: AccessGuard;
  /** The Prometheus metrics of `GET /metrics`. */
  readonly metrics: ServerMetrics;
  /**
   * The listener in front of `Deno.serve` (header timeout, plain
   * connections per address), or null when both settings are 0.
   */
  readonly front: ConnectionFront | null;
  /**
   * Shuts down gracefully: refuses new sockets, tells every client to
   * reconnect, waits up to the grace period for calls in flight, closes the
   * sockets (1012) and stops listening.
   */
  shutdown(): Promise<void>;
  /** Resolves once the server stopped. */
  readonly finished: Promise<void>;
}

/** Options of {@linkcode startServer}. */
export interface StartOptions {
  /** Where log lines go. Default: `console.log`; `() => {}` silences it. */
  log?: (line: string) => void;
}

/**
 * Starts the server with `config`, once the store's unfinished games are
 * resumed; with `TLS_CERT` and `TLS_KEY`, over HTTPS and `wss://`. Rejects
 * with a ConfigError when the TLS files cannot be used.
 */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const log = createLogger(options.log ?? console.log, {
    format: config.logFormat,
  });
  const tls = readTlsFiles(config);
  const opened = await openStore(
    config,
    (error) =>
      log("warn", `Redis: ${error instanceof Error ? error.message : error}`),
  );
  const { store, where } = opened;
  const bus = opened.cluster?.hub;
  const hub = new Hub({
    historySize: config.hubHistory,
    presenceWindowMs: config.hubPresenceMs,
    onRouted: bus === undefined ? undefined : (m, r) => bus.publish(m, r),
  });
  bus?.listen((message, route) => hub.route(message, route, { remote: true }));
  bus?.heartbeat(() => {
    const { total_clients, by_type } = hub.health();
    return { total_clients, by_type };
  });
  const sockets = new SocketSet();
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  const metrics = new ServerMetrics(procedures);
  const guard = new AccessGuard({
    ...config,
    onRefused: (limit) => metrics.refused(limit),
  });
  const traced = config.otelDeno === "true";
  const games = new GameService({
    hub,
    store,
    cluster: opened.cluster,
    observer: traced
      ? bothGame(metrics.gameObserver, tracingGameObserver())
      : metrics.gameObserver,
    maxSayChars: config.maxSayChars,
    onCommitFailure: (gameId, error) =>
      log("error", `game ${gameId}: commit failed, the command was refused`, {
        gameId,
        stack: error instanceof Error
          ? error.stack ?? error.message
          : String(error),
      }),
  });
  metrics.readFrom({ games, hub });
  let resumed: number;
  try {
    resumed = await games.resume();
  } catch (error) {
    games.close();
    hub.close();
    await opened.close();
    throw error;
  }
  const tournaments = new TournamentService({
    games,
    store: opened.tournaments,
    clock: systemClock,
  });
  const wsObserver = (protocol: "trpc_ws" | "legacy_ws") =>
    traced
      ? bothWS(
        metrics.wsObserver(protocol),
        tracingWSObserver(procedures, protocol),
      )
      : metrics.wsObserver(protocol);
  const handler = createHttpHandler({
    hub,
    guard,
    createContext: metrics.countedContexts(createContextFactory({
      hub,
      games,
      tournaments,
      adminToken: config.adminToken,
      spectatorToken: config.spectatorToken,
    })),
    metrics: {
      token: config.metricsToken,
      scrape: () => metrics.scrape(),
      contentType: metrics.contentType,
    },
    legacyObserver: wsObserver("legacy_ws"),
    unready: opened.unready,
    instances: bus === undefined ? undefined : () => bus.instances(),
    onStream: (clientType) => metrics.connection("trpc_sse", clientType),
    ws: {
      sockets,
      observer: wsObserver("trpc_ws"),
      idleTimeoutMs: config.idleTimeoutS * 1000,
      maxMessageBytes: config.maxMessageBytes,
      ...(config.rateLimitPerSecond > 0
        ? {
          rateLimit: {
            perSecond: config.rateLimitPerSecond,
            burst: config.rateBurst,
          },
        }
        : {}),
      maxSubscriptions: config.maxSubscriptions,
      maxBufferedBytes: config.maxBufferedBytes,
      highWaterMark: Math.min(1024 * 1024, config.maxBufferedBytes / 2),
      slowConsumerMs: config.slowConsumerMs,
      keepAlive: {
        enabled: config.pingMs > 0,
        pingMs: config.pingMs,
        pongWaitMs: config.pongWaitMs,
      },
    },
    onError: (error, path) => {
      if (
        error instanceof Error && "code" in error &&
        error.code === "INTERNAL_SERVER_ERROR"
      ) {
        log("error", `error in ${path ?? "(no procedure)"}: ${error.message}`, {
          procedure: path ?? "",
          stack: error.stack ?? error.message,
        });
      }
    },
  });
  let listening: Listening;
  try {
    listening = withTlsErrors(tls, () => listen(config, { tls, handler }));
  } catch (error) {
    games.close(); // the resumed games' timers
    hub.close();
    await opened.close();
    throw error;
  }
  const { server, front, port } = listening;
  const shownHost = config.host === "0.0.0.0" ? "localhost" : config.host;
  const url = `${tls === null ? "http" : "https"}://${shownHost}:${port}`;
  log(
    "info",
    `Loup-Garou listening on ${url} (tRPC at ${
      url.replace("http", "ws")
    }/trpc, the original JSON protocol at ${
      url.replace("http", "ws")
    }/ws/{client_id}); watch the games at ${url}/`,
  );
  log(
    "info",
    `games kept in ${where}${
      resumed > 0
        ? `; resumed ${resumed} game${
          resumed === 1 ? "" : "s"
        } still running when the server last stopped, from their event logs`
        : ""
    }`,
  );
  if (config.adminToken === undefined) {
    log("warn", openModeWarning(config.host));
  }
  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    hub,
    games,
    sockets,
    guard,
    metrics,
    front,
    finished: server.finished,
    shutdown() {
      stopping ??= (async () => {
        sockets.broadcastReconnectNotification();
        const drained = await sockets.drain(config.shutdownGraceMs);
        if (!drained) {
          log(
            "warn",
            `shutdown: ${sockets.inFlight} calls still running after ${config.shutdownGraceMs} ms`,
          );
        }
        tournaments.close();
        games.close();
        hub.close(); // its presence window's timer
        await sockets.closeAll(CLOSE_RESTART, "server restarting: reconnect");
        await front?.stopListening();
        await server.shutdown();
        await front?.close();
        await opened.close();
      })();
      return stopping;
    },
  };
}

interface Listening {
  server: Deno.HttpServer<Deno.NetAddr>;
  front: ConnectionFront | null;
  port: number;
}

/**
 * `Deno.serve` on the configured address; with a header timeout or a cap
 * on plain connections, `Deno.serve` on an ephemeral 127.0.0.1 port behind
 * a {@linkcode ConnectionFront} on the configured address (which then does
 * the TLS), the handler seeing the front's real remote addresses.
 */
function listen(
  config: ServerConfig,
  opts: { tls: TlsFiles | null; handler: Deno.ServeHandler<Deno.NetAddr> },
): Listening {
  const { tls, handler } = opts;
  if (config.headerTimeoutMs === 0 && config.maxConnectionsPerIp === 0) {
    const server = Deno.serve({
      hostname: config.host,
      port: config.port,
      onListen: () => {},
      ...tls,
    }, handler);
    return { server, front: null, port: server.addr.port };
  }
  let front: ConnectionFront | null = null;
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, (req, info) => {
    const real = front?.remoteOf(info.remoteAddr.port);
    if (real === undefined) return handler(req, info);
    return handler(req, {
      remoteAddr: real,
      get completed() {
        return info.completed;
      },
    });
  });
  try {
    front = new ConnectionFront({
      hostname: config.host,
      port: config.port,
      tls,
      headerTimeoutMs: config.headerTimeoutMs,
      maxConnectionsPerIp: config.maxConnectionsPerIp,
      targetPort: server.addr.port,
    });
  } catch (error) {
    server.shutdown();
    throw error;
  }
  return { server, front, port: front.addr.port };
}

/** What the log says when the server runs without `ADMIN_TOKEN`. */
function openModeWarning(host: string): string {
  const open =
    "ADMIN_TOKEN is unset: open development mode, anyone who reaches the server may create and start games and publish anything.";
  if (LOOPBACK_HOSTS.has(host)) {
    return `${open} It listens on ${host} only (this machine); set ADMIN_TOKEN (then it listens on every interface) or WS_HOST to open it to the network.`;
  }
  return `WARNING: ${open} It listens on ${host}, reachable from the network: set ADMIN_TOKEN before exposing it.`;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set([
  "127.0.0.1",
  "localhost",
  "::1",
]);

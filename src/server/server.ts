import { appRouter, createContextFactory } from "../api/mod.ts";
import {
  GameService,
  nextTurn,
  systemClock,
  TournamentService,
} from "../game/mod.ts";
import { nodeSha256 } from "./_sha256.ts";
import { CLOSE_RESTART, Hub } from "../hub/mod.ts";
import type { ServerConfig } from "./config.ts";
import { AccessGuard } from "./access_guard.ts";
import { createHttpHandler } from "./http.ts";
import { readTlsFiles, withTlsErrors } from "./_tls.ts";
import { SocketSet } from "../ws/socket_set.ts";
import type { ConnectionFront } from "./front.ts";
import { listen, type Listening, openModeWarning } from "./_listen.ts";
import { ServerDesk } from "./operator_desk.ts";
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
    onPresence: bus?.sharePresence?.bind(bus),
  });
  bus?.listen((message, route) => hub.route(message, route, { remote: true }));
  bus?.listenPresence?.((change, before) => hub.notePresence(change, before));
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
    maxGamesInPlay: config.maxGamesInPlay,
    // on disk, one transaction (one sync) per turn of the loop; else at once
    commitSchedule: opened.onDisk ? nextTurn : queueMicrotask,
    sha256: nodeSha256, // seat tokens hashed at once, not through WebCrypto
    onCommitFailure: (gameId, error) =>
      log("error", `game ${gameId}: commit failed, the command was refused`, {
        gameId,
        stack: error instanceof Error
          ? error.stack ?? error.message
          : String(error),
      }),
  });
  metrics.readFrom({ games, hub, census: bus?.census?.bind(bus) });
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
    observer: metrics.gameObserver,
    bus,
  });
  const desk = new ServerDesk({ registry: metrics.registry, procedures });
  const wsObserver = (protocol: "trpc_ws" | "legacy_ws") =>
    desk.observe(
      traced
        ? bothWS(
          metrics.wsObserver(protocol),
          tracingWSObserver(procedures, protocol),
        )
        : metrics.wsObserver(protocol),
    );
  const handler = createHttpHandler({
    hub,
    guard,
    createContext: desk.trackedContexts(metrics.countedContexts(
      createContextFactory({
        hub,
        games,
        tournaments,
        adminToken: config.adminToken,
        spectatorToken: config.spectatorToken,
        operator: desk,
      }),
    )),
    metrics: {
      token: config.metricsToken,
      scrape: () => metrics.scrape(),
      contentType: metrics.contentType,
    },
    legacyObserver: wsObserver("legacy_ws"),
    unready: opened.unready,
    instances: bus === undefined ? undefined : () => bus.instances(),
    census: bus?.census?.bind(bus),
    onStream: (stream) => {
      const counted = metrics.connection(
        "trpc_sse",
        stream.ctx.who.client_type,
      );
      const listed = desk.stream(stream);
      return () => {
        counted();
        listed();
      };
    },
    onHttpCall: (path) => metrics.callProbe(path),
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
    listening = await withTlsErrors(
      tls,
      () => listen(config, { tls, handler }),
    );
    desk.start();
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
        desk.close();
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

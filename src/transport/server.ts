import { createContextFactory } from "../api/mod.ts";
import { GameService } from "../game/mod.ts";
import { CLOSE_RESTART, Hub } from "../hub/mod.ts";
import type { ServerConfig } from "./config.ts";
import { AccessGuard } from "./access_guard.ts";
import { createHttpHandler } from "./http.ts";
import { readTlsFiles, withTlsErrors } from "./_tls.ts";
import { SocketSet } from "./socket_set.ts";
import { openStore } from "./_store.ts";

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
  /** Allowed origins, WebSockets per address, HTTP rate per address. */
  readonly guard: AccessGuard;
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
 * Starts the server with `config`; with `TLS_CERT` and `TLS_KEY`, over HTTPS
 * and `wss://`. Throws a ConfigError when the TLS files cannot be used.
 */
export function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): RunningServer {
  const log = options.log ?? console.log;
  const tls = readTlsFiles(config);
  const guard = new AccessGuard(config);
  const hub = new Hub({
    historySize: config.hubHistory,
    presenceWindowMs: config.hubPresenceMs,
  });
  const sockets = new SocketSet();
  const { store, where } = openStore(config);
  const games = new GameService({
    hub,
    store,
    maxSayChars: config.maxSayChars,
  });
  const resumed = games.resume();
  const handler = createHttpHandler({
    hub,
    guard,
    createContext: createContextFactory({
      hub,
      games,
      adminToken: config.adminToken,
      spectatorToken: config.spectatorToken,
    }),
    ws: {
      sockets,
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
        log(
          `error in ${path ?? "(no procedure)"}: ${
            error.stack ?? error.message
          }`,
        );
      }
    },
  });
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = withTlsErrors(tls, () =>
      Deno.serve({
        hostname: config.host,
        port: config.port,
        onListen: () => {},
        ...tls,
      }, handler));
  } catch (error) {
    games.close(); // the resumed games' timers
    hub.close();
    store.close();
    throw error;
  }
  const { port } = server.addr;
  const shownHost = config.host === "0.0.0.0" ? "localhost" : config.host;
  const url = `${tls === null ? "http" : "https"}://${shownHost}:${port}`;
  log(
    `Loup-Garou listening on ${url} (tRPC at ${
      url.replace("http", "ws")
    }/trpc, the original JSON protocol at ${
      url.replace("http", "ws")
    }/ws/{client_id}); watch the games at ${url}/`,
  );
  log(
    `games kept in ${where} (DATA_DIR=${config.dataDir})${
      resumed > 0 ? `; resumed ${resumed} unfinished games` : ""
    }`,
  );
  if (config.adminToken === undefined) {
    log(
      "ADMIN_TOKEN is unset: open development mode, anyone may create and start games and publish anything. Set ADMIN_TOKEN in production.",
    );
  }
  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    hub,
    games,
    sockets,
    guard,
    finished: server.finished,
    shutdown() {
      stopping ??= (async () => {
        sockets.broadcastReconnectNotification();
        const drained = await sockets.drain(config.shutdownGraceMs);
        if (!drained) {
          log(
            `shutdown: ${sockets.inFlight} calls still running after ${config.shutdownGraceMs} ms`,
          );
        }
        games.close();
        hub.close(); // its presence window's timer
        await sockets.closeAll(CLOSE_RESTART, "server restarting: reconnect");
        await server.shutdown();
        store.close();
      })();
      return stopping;
    },
  };
}

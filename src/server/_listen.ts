/**
 * Where the server listens: `Deno.serve` alone, or behind a
 * {@linkcode ConnectionFront}; and what the log says in open mode.
 * @module
 */
import type { ServerConfig } from "./config.ts";
import type { TlsFiles } from "./_tls.ts";
import { ConfigError } from "./_config_error.ts";
import { ConnectionFront } from "./front.ts";

/** A listening server and its front, if any. */
export interface Listening {
  server: Deno.HttpServer<Deno.NetAddr>;
  front: ConnectionFront | null;
  port: number;
}

/**
 * `Deno.serve` on the configured address; with a header timeout or a cap
 * on plain connections, `Deno.serve` on an ephemeral 127.0.0.1 port behind
 * a {@linkcode ConnectionFront} on the configured address (which then does
 * the TLS, and serves plain WebSocket upgrades itself), the handler seeing
 * the front's real remote addresses.
 */
export async function listen(
  config: ServerConfig,
  opts: { tls: TlsFiles | null; handler: Deno.ServeHandler<Deno.NetAddr> },
): Promise<Listening> {
  const { tls, handler } = opts;
  if (config.headerTimeoutMs === 0 && config.maxConnectionsPerIp === 0) {
    let server;
    try {
      server = Deno.serve({
        hostname: config.host,
        port: config.port,
        onListen: () => {},
        ...tls,
      }, handler);
    } catch (error) {
      throw portError(error, config);
    }
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
    front = await ConnectionFront.open({
      hostname: config.host,
      port: config.port,
      tls,
      headerTimeoutMs: config.headerTimeoutMs,
      maxConnectionsPerIp: config.maxConnectionsPerIp,
      targetPort: server.addr.port,
      handler, // the WebSocket upgrades it reads itself
    });
  } catch (error) {
    await server.shutdown();
    throw portError(error, config);
  }
  return { server, front, port: front.addr.port };
}

/** A port another process holds as a {@linkcode ConfigError}; else `error`. */
function portError(error: unknown, config: ServerConfig): unknown {
  const taken = error instanceof Deno.errors.AddrInUse ||
    (error as { code?: unknown } | null)?.code === "EADDRINUSE";
  if (!taken) return error;
  return new ConfigError(
    `WS_PORT=${config.port} on WS_HOST=${config.host} is already in use (another server listens there): stop it, or choose another port (0 picks a free one).`,
    { cause: error },
  );
}

/** What the log says when the server runs without `ADMIN_TOKEN`. */
export function openModeWarning(host: string): string {
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

import { ConnectionCounter } from "./_ip_limits.ts";
import type { TlsFiles } from "./_tls.ts";
import { type FrontState, serveConnection } from "./_front_conn.ts";

/** Options of {@linkcode ConnectionFront}. */
export interface FrontOptions {
  /** The address to listen on. */
  hostname: string;
  /** The port (0 picks a free one). */
  port: number;
  /** With TLS files, the front ends TLS (offering HTTP/2 and HTTP/1.1, as `Deno.serve` does) and forwards plain bytes. */
  tls: TlsFiles | null;
  /** `HTTP_HEADER_TIMEOUT_MS`: a connection's first request head must be complete by then (0: no deadline). */
  headerTimeoutMs: number;
  /** `MAX_CONNECTIONS_PER_IP`: connections one address may hold that are not WebSockets (0: any). */
  maxConnectionsPerIp: number;
  /** The port of the HTTP server on 127.0.0.1 the bytes go to. */
  targetPort: number;
  /**
   * The server's handler (as `Deno.serve`'s, with the real remote address),
   * for the WebSocket upgrades the front reads itself over plain TCP; without
   * one, every connection is piped to `targetPort`.
   */
  handler?: Deno.ServeHandler<Deno.NetAddr> | undefined;
}

/** How long the front waits to accept again after a failed accept, in ms. */
const ACCEPT_RETRY_MS = 50;

/**
 * A TCP (or TLS) listener in front of `Deno.serve`, which has no header
 * timeout and no hook before a request's head is complete. It counts each
 * address's connections that are not WebSockets (a 101 frees the slot: the
 * access guard counts WebSockets) and refuses one over the cap with a raw
 * 429; it closes a connection whose first request head (through
 * `\r\n\r\n`, TLS handshake included) is not complete within the header
 * timeout. It reads that head itself: a WebSocket upgrade goes to the
 * server's handler on the same connection ({@linkcode FrontOptions.handler});
 * anything else (HTTP/2 included) is piped both ways to the server on
 * 127.0.0.1, which learns the real remote address from
 * {@linkcode remoteOf}. A pipe costs a copy of every byte through
 * JavaScript: see BENCHMARKS.md.
 */
export class ConnectionFront {
  #listener: Deno.Listener;
  #addr: Deno.NetAddr;
  #state: FrontState;
  #accepting: Promise<void>;
  #closed = false;

  private constructor(opts: FrontOptions, listener: Deno.Listener) {
    this.#listener = listener;
    this.#addr = listener.addr as Deno.NetAddr;
    this.#state = {
      headerTimeoutMs: opts.headerTimeoutMs,
      plain: new ConnectionCounter(opts.maxConnectionsPerIp),
      targetPort: opts.targetPort,
      handler: opts.handler,
      remotes: new Map(),
      open: new Set(),
      piped: new Set(),
      pipedTotal: 0,
    };
    this.#accepting = this.#accept(listener);
  }

  /** Listens on the configured address; rejects if it cannot (a port taken). */
  // deno-lint-ignore require-await
  static async open(opts: FrontOptions): Promise<ConnectionFront> {
    const where = { hostname: opts.hostname, port: opts.port };
    const listener = opts.tls === null ? Deno.listen(where) : Deno.listenTls({
      ...where,
      ...opts.tls,
      alpnProtocols: ["h2", "http/1.1"],
    });
    return new ConnectionFront(opts, listener);
  }

  /** The address the front listens on. */
  get addr(): Deno.NetAddr {
    return this.#addr;
  }

  /**
   * The real remote address of the connection the server sees coming from
   * 127.0.0.1 at `port` (its `info.remoteAddr.port`), while it is open.
   */
  remoteOf(port: number): Deno.NetAddr | undefined {
    return this.#state.remotes.get(port);
  }

  /** Open connections not upgraded to WebSockets, of `address` or of all. */
  plainConnections(address?: string): number {
    return this.#state.plain.count(address);
  }

  /** Open connections piped to `Deno.serve` (the others were served here). */
  pipedConnections(): number {
    return this.#state.piped.size;
  }

  /** Connections piped to `Deno.serve` since the front opened, closed ones included. */
  pipedConnectionsTotal(): number {
    return this.#state.pipedTotal;
  }

  /** Stops accepting connections; open ones go on. */
  async stopListening(): Promise<void> {
    this.#closed = true;
    try {
      this.#listener.close();
    } catch {
      // already closed
    }
    await this.#accepting;
  }

  /** Stops accepting and closes every connection still open. */
  async close(): Promise<void> {
    await this.stopListening();
    for (const conn of this.#state.open) conn.close();
  }

  async #accept(listener: Deno.Listener): Promise<void> {
    const state = this.#state;
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        if (this.#closed) return;
        // out of file descriptors, say: accept again once some are freed
        await new Promise((resolve) => setTimeout(resolve, ACCEPT_RETRY_MS));
        continue;
      }
      serveConnection(conn, state);
    }
  }
}

import net from "node:net";
import { ConnectionCounter } from "./_ip_limits.ts";
import type { TlsFiles } from "./_tls.ts";
import {
  HeaderEnd,
  isSwitchingProtocols,
  pipeConnections,
  plainRefusal,
} from "./_front_pipe.ts";
import { type FrontState, REFUSAL_WAIT_MS, serveTcp } from "./_front_tcp.ts";

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

/**
 * A TCP (or TLS) listener in front of `Deno.serve`, which has no header
 * timeout and no hook before a request's head is complete. It counts each
 * address's connections that are not WebSockets (a 101 frees the slot: the
 * access guard counts WebSockets) and refuses one over the cap with a raw
 * 429; it closes a connection whose first request head (through
 * `\r\n\r\n`) is not complete within the header timeout. Over plain TCP
 * (`node:net`) it reads that head itself: a WebSocket upgrade goes to the
 * server's handler on the same socket ({@linkcode FrontOptions.handler});
 * anything else, and everything over TLS, is piped both ways to the server
 * on 127.0.0.1, which learns the real remote address from
 * {@linkcode remoteOf}. A pipe costs a copy of every byte through
 * JavaScript: see BENCHMARKS.md.
 */
export class ConnectionFront {
  #listener: Deno.Listener | net.Server;
  #addr: Deno.NetAddr;
  #opts: FrontOptions;
  #state: FrontState;
  #accepting: Promise<void>;

  private constructor(
    opts: FrontOptions,
    listening: { listener: Deno.Listener | net.Server; addr: Deno.NetAddr },
  ) {
    this.#opts = opts;
    this.#listener = listening.listener;
    this.#addr = listening.addr;
    this.#state = {
      headerTimeoutMs: opts.headerTimeoutMs,
      plain: new ConnectionCounter(opts.maxConnectionsPerIp),
      targetPort: opts.targetPort,
      handler: opts.handler,
      remotes: new Map(),
      open: new Set(),
      piped: new Set(),
    };
    const listener = this.#listener;
    if (listener instanceof net.Server) {
      listener.on("connection", (socket) => serveTcp(socket, this.#state));
      this.#accepting = Promise.resolve(); // its close() stops it at once
    } else {
      this.#accepting = this.#accept(listener);
    }
  }

  /** Listens on the configured address; rejects if it cannot (a port taken). */
  static async open(opts: FrontOptions): Promise<ConnectionFront> {
    const where = { hostname: opts.hostname, port: opts.port };
    if (opts.tls !== null) {
      const listener = Deno.listenTls({
        ...where,
        ...opts.tls,
        alpnProtocols: ["h2", "http/1.1"],
      });
      return new ConnectionFront(opts, {
        listener,
        addr: listener.addr as Deno.NetAddr,
      });
    }
    const server = net.createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: opts.hostname, port: opts.port }, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const bound = server.address() as net.AddressInfo;
    return new ConnectionFront(opts, {
      listener: server,
      addr: { transport: "tcp", hostname: bound.address, port: bound.port },
    });
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

  /** Stops accepting connections; open ones go on. */
  async stopListening(): Promise<void> {
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
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        return; // the listener was closed
      }
      this.#serve(conn).catch(() => closeQuietly(conn));
    }
  }

  /** A TLS connection: piped, its head timed on the way. */
  async #serve(client: Deno.Conn): Promise<void> {
    const state = this.#state;
    const entry = { close: () => closeQuietly(client) };
    state.open.add(entry);
    const remote = client.remoteAddr as Deno.NetAddr;
    const { headerTimeoutMs, maxConnectionsPerIp, targetPort } = this.#opts;
    const timer = headerTimeoutMs > 0
      ? setTimeout(() => closeQuietly(client), headerTimeoutMs)
      : undefined;
    const release = state.plain.acquire(remote.hostname);
    let inner: Deno.TcpConn | null = null;
    try {
      if (release === null) {
        // bounded even without a header timeout: a TLS write waits for the handshake
        const bound = setTimeout(() => closeQuietly(client), REFUSAL_WAIT_MS);
        await client.write(plainRefusal(remote.hostname, maxConnectionsPerIp))
          .catch(() => {});
        clearTimeout(bound);
        return;
      }
      inner = await Deno.connect({ hostname: "127.0.0.1", port: targetPort });
      inner.setNoDelay(true); // each chunk goes on at once, as it came
      if ("setNoDelay" in client) (client as Deno.TcpConn).setNoDelay(true);
      const innerPort = (inner.localAddr as Deno.NetAddr).port;
      state.remotes.set(innerPort, remote);
      state.piped.add(entry);
      const head = new HeaderEnd();
      let firstAnswer = true;
      try {
        await pipeConnections(client, inner, {
          sent: (chunk) => {
            if (timer !== undefined && head.push(chunk)) clearTimeout(timer);
          },
          answered: (chunk) => {
            // only the first answer: no later body can pass for a 101
            if (firstAnswer && isSwitchingProtocols(chunk)) release();
            firstAnswer = false;
          },
        });
      } finally {
        state.remotes.delete(innerPort);
      }
    } finally {
      clearTimeout(timer);
      release?.();
      state.open.delete(entry);
      state.piped.delete(entry);
      closeQuietly(client);
      if (inner !== null) closeQuietly(inner);
    }
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

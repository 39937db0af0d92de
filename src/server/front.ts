import { ConnectionCounter } from "./_ip_limits.ts";
import type { TlsFiles } from "./_tls.ts";
import { HeaderEnd, pipeConnections, plainRefusal } from "./_front_pipe.ts";

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
}

/**
 * A TCP (or TLS) listener in front of `Deno.serve`, which has no header
 * timeout and no hook before a request's head is complete. It counts each
 * address's connections that are not WebSockets (a 101 as the first
 * answer frees the slot: the access guard counts WebSockets) and refuses one over the cap
 * with a raw 429; it closes a connection whose first request head
 * (through `\r\n\r\n`) is not complete within the header timeout; else it
 * pipes the bytes both ways to the server on 127.0.0.1, which learns the
 * real remote address from {@linkcode remoteOf}. Piping costs a copy of
 * every byte through JavaScript: see BENCHMARKS.md.
 */
export class ConnectionFront {
  #listener: Deno.Listener;
  #opts: FrontOptions;
  #plain: ConnectionCounter;
  #remotes = new Map<number, Deno.NetAddr>();
  #open = new Set<Deno.Conn>();
  #accepting: Promise<void>;

  constructor(opts: FrontOptions) {
    this.#opts = opts;
    this.#plain = new ConnectionCounter(opts.maxConnectionsPerIp);
    const where = { hostname: opts.hostname, port: opts.port };
    this.#listener = opts.tls === null ? Deno.listen(where) : Deno.listenTls({
      ...where,
      ...opts.tls,
      alpnProtocols: ["h2", "http/1.1"],
    });
    this.#accepting = this.#accept();
  }

  /** The address the front listens on. */
  get addr(): Deno.NetAddr {
    return this.#listener.addr as Deno.NetAddr;
  }

  /**
   * The real remote address of the connection the server sees coming from
   * 127.0.0.1 at `port` (its `info.remoteAddr.port`), while it is open.
   */
  remoteOf(port: number): Deno.NetAddr | undefined {
    return this.#remotes.get(port);
  }

  /** Open connections not upgraded to WebSockets, of `address` or of all. */
  plainConnections(address?: string): number {
    return this.#plain.count(address);
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
    for (const conn of this.#open) closeQuietly(conn);
  }

  async #accept(): Promise<void> {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await this.#listener.accept();
      } catch {
        return; // the listener was closed
      }
      this.#serve(conn).catch(() => closeQuietly(conn));
    }
  }

  async #serve(client: Deno.Conn): Promise<void> {
    this.#open.add(client);
    const remote = client.remoteAddr as Deno.NetAddr;
    const { headerTimeoutMs, maxConnectionsPerIp, targetPort } = this.#opts;
    const timer = headerTimeoutMs > 0
      ? setTimeout(() => closeQuietly(client), headerTimeoutMs)
      : undefined;
    const release = this.#plain.acquire(remote.hostname);
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
      this.#remotes.set(innerPort, remote);
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
        this.#remotes.delete(innerPort);
      }
    } finally {
      clearTimeout(timer);
      release?.();
      this.#open.delete(client);
      closeQuietly(client);
      if (inner !== null) closeQuietly(inner);
    }
  }
}

/** How long a refused connection may take to receive its 429. */
const REFUSAL_WAIT_MS = 5_000;

const SWITCHING = new TextEncoder().encode("HTTP/1.1 101 ");

/** Whether a response chunk starts with a `101 Switching Protocols` status line. */
function isSwitchingProtocols(chunk: Uint8Array): boolean {
  if (chunk.byteLength < SWITCHING.byteLength) return false;
  return SWITCHING.every((byte, i) => chunk[i] === byte);
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

/**
 * One plain TCP connection of the connection front (`node:net`): it reads
 * the first request head under the header timeout; a WebSocket upgrade it
 * hands to the server's handler on this very socket (no second connection,
 * no copy of the frames); anything else it pipes to `Deno.serve`.
 * @module
 */
import net from "node:net";
import { attachSocket, upgradedOnSocket } from "../ws/mod.ts";
import type { ConnectionCounter } from "./_ip_limits.ts";
import {
  HeaderEnd,
  isSwitchingProtocols,
  plainRefusal,
} from "./_front_pipe.ts";
import {
  MAX_UPGRADE_HEAD_BYTES,
  readUpgradeHead,
  responseBytes,
} from "./_http_head.ts";

/** What the front's connections share: its settings, counts and maps. */
export interface FrontState {
  /** `HTTP_HEADER_TIMEOUT_MS` (0: no deadline). */
  headerTimeoutMs: number;
  /** The plain connections per address (`MAX_CONNECTIONS_PER_IP`). */
  plain: ConnectionCounter;
  /** The port of `Deno.serve` on 127.0.0.1. */
  targetPort: number;
  /** The server's handler, for the upgrades read here; without it all is piped. */
  handler: Deno.ServeHandler<Deno.NetAddr> | undefined;
  /** Real remote addresses by the local port of their pipe to `Deno.serve`. */
  remotes: Map<number, Deno.NetAddr>;
  /** The connections not handed over yet, to close on shutdown. */
  open: Set<{ close(): void }>;
  /** The connections piped to `Deno.serve`, open. */
  piped: Set<unknown>;
}

/** How long a refused connection may take to receive its answer, in ms. */
export const REFUSAL_WAIT_MS = 5_000;

/** Serves `client` (accepted with `allowHalfOpen`), counted in `state`. */
export function serveTcp(client: net.Socket, state: FrontState): void {
  const { remoteAddress, remotePort } = client;
  if (remoteAddress === undefined || remotePort === undefined) {
    client.destroy(); // already gone
    return;
  }
  // no TCP_NODELAY: Deno.serve leaves Nagle on too (measured: a fan-out's
  // many small frames cost more CPU per delivery without it)
  client.on("error", ignore);
  const hostname = remoteAddress.startsWith("::ffff:")
    ? remoteAddress.slice(7) // an IPv4 peer of a dual-stack listener
    : remoteAddress;
  const release = state.plain.acquire(hostname);
  if (release === null) {
    const entry = { close: () => client.destroy() };
    const bound = setTimeout(entry.close, REFUSAL_WAIT_MS);
    state.open.add(entry);
    client.once("close", () => {
      clearTimeout(bound);
      state.open.delete(entry);
    });
    client.once("finish", entry.close); // written: no need to wait for its end
    client.end(plainRefusal(hostname, state.plain.max));
    return;
  }
  const remote = { transport: "tcp" as const, hostname, port: remotePort };
  new TcpConnection(client, { remote, release, state });
}

class TcpConnection {
  #client: net.Socket;
  #remote: Deno.NetAddr;
  #release: () => void;
  #state: FrontState;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #head = new HeaderEnd();
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #inner: net.Socket | null = null;
  #closed = false;

  constructor(
    client: net.Socket,
    opts: { remote: Deno.NetAddr; release: () => void; state: FrontState },
  ) {
    this.#client = client;
    this.#remote = opts.remote;
    this.#release = opts.release;
    this.#state = opts.state;
    this.#state.open.add(this);
    const { headerTimeoutMs } = this.#state;
    if (headerTimeoutMs > 0) {
      this.#timer = setTimeout(() => this.close(), headerTimeoutMs);
    }
    client.on("data", this.#onHead);
    client.on("end", this.#onEarlyEnd);
    client.on("close", this.#onClose);
  }

  /** Ends the connection (and its pipe), freeing what it holds. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#release();
    this.#state.open.delete(this);
    this.#state.piped.delete(this);
    const port = this.#inner?.localPort;
    if (port !== undefined) this.#state.remotes.delete(port);
    this.#client.destroy();
    this.#inner?.destroy();
  }

  #onClose = (): void => this.close();

  /** `Deno.serve` closed its side: what it sent reaches the client first. */
  #onInnerClose = (): void => {
    const client = this.#client;
    if (client.writableFinished || client.destroyed) return this.close();
    client.once("finish", this.#onClose);
    client.end();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onClose, REFUSAL_WAIT_MS);
  };

  /** The client's end before its head was complete: nothing to answer. */
  #onEarlyEnd = (): void => this.close();

  #onHead = (chunk: Uint8Array): void => {
    try {
      this.#read(chunk);
    } catch {
      this.close(); // nothing a client sends may throw out of a listener
    }
  };

  #read(chunk: Uint8Array): void {
    const end = this.#head.scan(chunk);
    this.#chunks.push(chunk);
    this.#bytes += chunk.byteLength;
    if (end < 0) {
      if (this.#bytes > MAX_UPGRADE_HEAD_BYTES) this.#pipe();
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const client = this.#client;
    client.off("data", this.#onHead);
    client.off("end", this.#onEarlyEnd);
    client.pause();
    const bytes = concat(this.#chunks, this.#bytes);
    const headEnd = this.#bytes - chunk.byteLength + end;
    const upgrade = this.#state.handler === undefined
      ? null
      : readUpgradeHead(bytes.subarray(0, headEnd - 4));
    if (upgrade === null) return this.#pipe();
    this.#chunks = [];
    // a copy (a Buffer's slice() is a view): what Deno keeps of it must not
    // hold the whole read buffer
    const rest = new Uint8Array(bytes.subarray(headEnd));
    this.#upgrade(upgrade.request, rest).catch(() => this.close());
  }

  async #upgrade(request: Request, rest: Uint8Array): Promise<void> {
    const handler = this.#state.handler as Deno.ServeHandler<Deno.NetAddr>;
    attachSocket(request, this.#client, rest);
    let response: Response;
    try {
      response = await handler(request, {
        remoteAddr: this.#remote,
        completed: Promise.resolve(),
      });
    } catch {
      response = new Response("Internal Server Error", { status: 500 });
    }
    if (upgradedOnSocket(request)) return this.#handOver();
    if (this.#closed) return;
    const bytes = await responseBytes(response);
    if (this.#closed) return;
    this.#client.once("finish", this.#onClose); // written: done
    this.#client.end(bytes);
    this.#timer = setTimeout(this.#onClose, REFUSAL_WAIT_MS);
  }

  /** The socket is the WebSocket's now: forget it, free its plain slot. */
  #handOver(): void {
    this.#closed = true;
    this.#release();
    this.#state.open.delete(this);
    this.#client.off("close", this.#onClose); // `ignore` stays for errors
  }

  #pipe(): void {
    const client = this.#client;
    client.off("data", this.#onHead);
    client.off("end", this.#onEarlyEnd);
    client.pause();
    this.#state.piped.add(this);
    const inner = net.connect({
      host: "127.0.0.1",
      port: this.#state.targetPort,
      noDelay: true,
      allowHalfOpen: true, // the client's end is passed on, the answer comes back
    });
    this.#inner = inner;
    inner.on("error", ignore);
    inner.on("close", this.#onInnerClose);
    inner.once("connect", () => {
      if (this.#closed) return;
      const port = inner.localPort;
      if (port !== undefined) this.#state.remotes.set(port, this.#remote);
      inner.write(concat(this.#chunks, this.#bytes));
      this.#chunks = [];
      if (this.#timer !== undefined) client.on("data", this.#onLateHead);
      inner.once("data", (first: Uint8Array) => {
        if (isSwitchingProtocols(first)) this.#release(); // a WebSocket now
      });
      client.pipe(inner);
      inner.pipe(client);
    });
  }

  /** A head longer than the front reads itself: its end stops the timer. */
  #onLateHead = (chunk: Uint8Array): void => {
    if (this.#head.scan(chunk) < 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#client.off("data", this.#onLateHead);
  };
}

function concat(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Socket errors end in a `close` event, which cleans up. */
function ignore(): void {}

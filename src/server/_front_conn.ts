/**
 * One connection of the connection front (plain TCP or TLS, a `Deno.Conn`):
 * it reads the first request head under the header timeout; a WebSocket
 * upgrade it hands to the server's handler on this very connection (no
 * second connection, no copy of the frames: Deno takes the connection's
 * stream); anything else it pipes to `Deno.serve`.
 * @module
 */
import { attachSocket, upgradedOnSocket } from "../ws/mod.ts";
import type { ConnectionCounter } from "./_ip_limits.ts";
import {
  HeaderEnd,
  isSwitchingProtocols,
  pipeConnections,
  plainRefusal,
  writeAll,
} from "./_front_pipe.ts";
import {
  MAX_UPGRADE_HEAD_BYTES,
  readUpgradeHead,
  responseBytes,
} from "./_http_head.ts";
import { socketOf } from "./_conn_socket.ts";

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
  /** How many connections were piped, closed ones included. */
  pipedTotal: number;
}

/** How long a refused connection may take to receive its answer, in ms. */
export const REFUSAL_WAIT_MS = 5_000;

/** A head's first read buffer: an upgrade's head is a few hundred bytes. */
const FIRST_READ_BYTES = 4 * 1024;

/**
 * Serves `client` until it is handed over (a WebSocket), answered, piped
 * to its end, or closed; counted in `state` meanwhile. Never rejects.
 */
export async function serveConnection(
  client: Deno.Conn,
  state: FrontState,
): Promise<void> {
  const remote = client.remoteAddr as Deno.NetAddr;
  const hostname = remote.hostname.startsWith("::ffff:")
    ? remote.hostname.slice(7) // an IPv4 peer of a dual-stack listener
    : remote.hostname;
  const release = state.plain.acquire(hostname);
  const entry = { close: () => closeQuietly(client) };
  state.open.add(entry);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let handedOver = false;
  try {
    if (release === null) {
      // bounded even without a header timeout: a TLS write waits for the handshake
      timer = setTimeout(entry.close, REFUSAL_WAIT_MS);
      await writeAll(client, plainRefusal(hostname, state.plain.max));
      return;
    }
    if (state.headerTimeoutMs > 0) {
      timer = setTimeout(entry.close, state.headerTimeoutMs);
    }
    const read = await readHead(client);
    if (read === null) return; // ended, or closed by the deadline
    const { bytes, headEnd } = read;
    const upgrade = headEnd < 0 || state.handler === undefined
      ? null
      : readUpgradeHead(bytes.subarray(0, headEnd - 4));
    const socket = upgrade === null ? null : socketOf(client);
    if (upgrade === null || socket === null) {
      const head = new HeaderEnd();
      if (headEnd < 0) head.push(bytes); // the rest of it is still to come
      else {
        clearTimeout(timer);
        timer = undefined;
      }
      return await pipe(client, bytes, {
        state,
        remote: { transport: "tcp", hostname, port: remote.port },
        release,
        sent: (chunk) => {
          if (timer !== undefined && head.push(chunk)) clearTimeout(timer);
        },
      });
    }
    clearTimeout(timer);
    timer = undefined;
    // a copy: what Deno keeps of it must not hold the whole read buffer
    attachSocket(upgrade.request, socket, bytes.slice(headEnd));
    let response: Response;
    try {
      response = await state.handler!(upgrade.request, {
        remoteAddr: { transport: "tcp", hostname, port: remote.port },
        completed: Promise.resolve(),
      });
    } catch {
      response = new Response("Internal Server Error", { status: 500 });
    }
    if (upgradedOnSocket(upgrade.request)) {
      handedOver = true; // the connection is the WebSocket's now
      return;
    }
    const answer = await responseBytes(response);
    timer = setTimeout(entry.close, REFUSAL_WAIT_MS);
    await writeAll(client, answer);
  } catch {
    // a reset, or a connection closed by its deadline
  } finally {
    clearTimeout(timer);
    release?.();
    state.open.delete(entry);
    if (!handedOver) closeQuietly(client);
  }
}

/**
 * Reads until the head's blank line: the bytes read and the offset just
 * past the blank line, or -1 for a head longer than the front reads
 * itself (then `bytes` is what was read so far); null if the client ended.
 */
async function readHead(
  client: Deno.Conn,
): Promise<{ bytes: Uint8Array; headEnd: number } | null> {
  const head = new HeaderEnd();
  let buffer = new Uint8Array(FIRST_READ_BYTES);
  let bytes = 0;
  for (;;) {
    if (bytes === buffer.byteLength) {
      if (bytes > MAX_UPGRADE_HEAD_BYTES) return { bytes: buffer, headEnd: -1 };
      const larger = new Uint8Array(MAX_UPGRADE_HEAD_BYTES + FIRST_READ_BYTES);
      larger.set(buffer);
      buffer = larger;
    }
    const read = await client.read(buffer.subarray(bytes));
    if (read === null) return null;
    const end = head.scan(buffer.subarray(bytes, bytes + read));
    bytes += read;
    if (end >= 0) {
      return { bytes: buffer.subarray(0, bytes), headEnd: bytes - read + end };
    }
  }
}

/** Pipes `client` to `Deno.serve`, `first` (already read) going first. */
async function pipe(
  client: Deno.Conn,
  first: Uint8Array,
  opts: {
    state: FrontState;
    remote: Deno.NetAddr;
    release: () => void;
    sent: (chunk: Uint8Array) => void;
  },
): Promise<void> {
  const { state } = opts;
  const inner = await Deno.connect({
    hostname: "127.0.0.1",
    port: state.targetPort,
  });
  const entry = { client };
  try {
    inner.setNoDelay(true); // each chunk goes on at once, as it came
    if ("setNoDelay" in client) (client as Deno.TcpConn).setNoDelay(true);
    const innerPort = (inner.localAddr as Deno.NetAddr).port;
    state.remotes.set(innerPort, opts.remote);
    state.piped.add(entry);
    state.pipedTotal += 1;
    let firstAnswer = true;
    try {
      await writeAll(inner, first);
      await pipeConnections(client, inner, {
        sent: opts.sent,
        answered: (chunk) => {
          // only the first answer: no later body can pass for a 101
          if (firstAnswer && isSwitchingProtocols(chunk)) opts.release();
          firstAnswer = false;
        },
      });
    } finally {
      state.remotes.delete(innerPort);
    }
  } finally {
    state.piped.delete(entry);
    closeQuietly(inner);
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed, or taken by a WebSocket
  }
}

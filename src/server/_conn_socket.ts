/**
 * A `Deno.Conn` in the shape `Deno.upgradeWebSocket`'s `socket` option
 * reads, so that the front's WebSocket runs on the connection it accepted
 * with `Deno.listen` (or `Deno.listenTls`), whose accept and reads stay in
 * Rust, instead of on a `node:net` socket.
 *
 * What Deno 2.9 does with the option (`ext:deno_http/02_websocket.ts`):
 * it writes the 101 with `socket.write(text, callback)`, then calls
 * `socket._handle.readStop()` and `socket._handle.takeStream()`, whose
 * resource id it gives to `op_http_ws_create_from_stream_resource`; that
 * op takes TCP and TLS stream resources alike. The resource id of a
 * `Deno.Conn` is not public since Deno 2: it sits under the
 * `Deno.internal.rid` symbol. Without it (another runtime version),
 * {@linkcode socketOf} answers null and the front pipes the connection to
 * `Deno.serve` instead, which is slower but just as correct;
 * `tests/front_test.ts` checks that upgrades are not piped.
 * @module
 */

import { writeAll } from "./_front_pipe.ts";

type UpgradeSocket = NonNullable<Deno.UpgradeWebSocketOptions["socket"]>;

/** The node-socket face of one connection, for one upgrade. */
class ConnSocket {
  /** Set by Deno once it took the stream. */
  destroyed = false;
  /** What Deno calls to stop reading and take the stream's resource. */
  _handle: { readStop(): void; takeStream(): number } | null;
  #conn: Deno.Conn;

  constructor(conn: Deno.Conn, rid: number) {
    this.#conn = conn;
    this._handle = { readStop: noop, takeStream: () => rid };
  }

  /** Writes the 101; a failed write closes the connection (no WebSocket takes it). */
  write(text: string, done: (error?: Error) => void): boolean {
    writeAll(this.#conn, ENCODER.encode(text)).then(() => done(), (error) => {
      try {
        this.#conn.close();
      } catch {
        // already closed
      }
      done(error instanceof Error ? error : new Error(String(error)));
    });
    return false;
  }
}

/** The symbol a `Deno.Conn` keeps its resource id under, once found. */
let ridSymbol: symbol | null | undefined;

/**
 * `conn` as `Deno.upgradeWebSocket`'s `socket` option, or null when this
 * runtime's connections do not show their resource id.
 */
export function socketOf(conn: Deno.Conn): UpgradeSocket | null {
  if (ridSymbol === undefined) {
    ridSymbol = Object.getOwnPropertySymbols(conn).find((symbol) =>
      symbol.description === "Deno.internal.rid"
    ) ?? null;
  }
  if (ridSymbol === null) return null;
  const rid = (conn as unknown as Record<symbol, unknown>)[ridSymbol];
  if (typeof rid !== "number") return null;
  return new ConnSocket(conn, rid) as unknown as UpgradeSocket;
}

function noop(): void {}

const ENCODER = new TextEncoder();

/**
 * A long-lived lean WebSocket client on a plain TCP connection with
 * `TCP_NODELAY`, for the games scenario's wire-level bots
 * (`_wire_bot.ts`): no `WebSocket` object, no event dispatch, one read loop
 * that hands each text frame to a callback, and writes queued and sent in
 * order, the frames of one tick in one write. It answers the server's
 * `PING` text frames (tRPC's keep-alive) and WebSocket pings itself. Like
 * `_wire_client.ts`, it handles only what our server sends: unfragmented
 * text, ping and close frames.
 * @module
 */
import {
  clientFrame,
  concatBytes,
  parseFrame,
  upgrade,
  writeAll,
} from "./_ws_frames.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Bytes read at most per read (a larger frame spans reads). */
const READ_CHUNK = 8192;
const PONG = clientFrame(1, encoder.encode("PONG"));

/** A client WebSocket over `Deno.connect`; see the module's documentation. */
export class WireSocket {
  #conn: Deno.TcpConn;
  #queue: Uint8Array[] = [];
  #writing = false;
  #closed = false;
  /** Why the connection ended: the server's close frame, a reset... */
  ending = "";
  /** The code of the server's close frame, once one came. */
  closeCode: number | null = null;
  /** Resolves when the read loop ended (the server closed, or we did). */
  readonly done: Promise<void>;

  private constructor(
    conn: Deno.TcpConn,
    rest: Uint8Array,
    onText: (text: string) => void,
  ) {
    this.#conn = conn;
    this.done = this.#read(rest, onText);
  }

  /**
   * Connects to `url` (ws://host:port/path?query), upgrades, and calls
   * `onText` with each text frame until the connection ends; rejects when
   * the upgrade is refused.
   */
  static async open(
    url: string,
    onText: (text: string) => void,
  ): Promise<WireSocket> {
    const { hostname, port, pathname, search } = new URL(url);
    const conn = await Deno.connect({ hostname, port: Number(port) });
    try {
      conn.setNoDelay(true);
      const rest = await upgrade(conn, {
        host: `${hostname}:${port}`,
        target: `${pathname}${search}`,
      });
      return new WireSocket(conn, rest, onText);
    } catch (error) {
      conn.close();
      throw error;
    }
  }

  /** Queues `text` as one text frame (sent with the others of this tick). */
  send(text: string): void {
    this.#push(clientFrame(1, encoder.encode(text)));
  }

  /** Sends a close frame (1000) and ends the connection once the server has. */
  async close(): Promise<void> {
    if (!this.#closed) this.#push(clientFrame(8, new Uint8Array([3, 0xe8])));
    this.#closed = true;
    await this.done;
  }

  #push(frame: Uint8Array): void {
    this.#queue.push(frame);
    if (this.#writing) return;
    this.#writing = true;
    queueMicrotask(() => this.#flush());
  }

  async #flush(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const frames = this.#queue;
        this.#queue = [];
        await writeAll(
          this.#conn,
          frames.length === 1 ? frames[0]! : concatBytes(...frames),
        );
      }
    } catch {
      // the connection ended: the read loop sees it
    } finally {
      this.#writing = false;
    }
  }

  async #read(first: Uint8Array, onText: (text: string) => void) {
    let buffer = first;
    // an event's frame is a few hundred bytes, a game's start a few KiB:
    // a small buffer per socket (hundreds of sockets per process)
    const chunk = new Uint8Array(READ_CHUNK);
    try {
      for (;;) {
        let at = 0;
        for (;;) {
          const frame = parseFrame(at === 0 ? buffer : buffer.subarray(at));
          if (frame === null) break;
          at += frame.size;
          if (frame.opcode === 1) {
            const text = decoder.decode(frame.payload);
            if (text === "PING") this.#push(PONG);
            else if (!this.#closed) onText(text);
          } else if (frame.opcode === 9) {
            this.#push(clientFrame(10, frame.payload.slice()));
          } else if (frame.opcode === 8) {
            const code = frame.payload.length >= 2
              ? (frame.payload[0]! << 8) | frame.payload[1]!
              : 1005;
            this.closeCode ??= code;
            this.ending ||= `close ${code} ${
              decoder.decode(frame.payload.subarray(2))
            }`;
            if (!this.#closed) {
              this.#push(clientFrame(8, frame.payload.slice(0, 2)));
            }
            this.#closed = true;
          }
        }
        buffer = at === buffer.length ? new Uint8Array(0) : buffer.slice(at);
        const n = await this.#conn.read(chunk);
        if (n === null) {
          this.ending ||= "the server ended the connection";
          return;
        }
        buffer = buffer.length === 0
          ? chunk.slice(0, n)
          : concatBytes(buffer, chunk.subarray(0, n));
      }
    } catch (error) {
      this.ending ||= String(error); // reset, or closed under us
    } finally {
      this.#closed = true;
      try {
        this.#conn.close();
      } catch {
        // already closed
      }
    }
  }
}

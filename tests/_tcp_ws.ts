/**
 * A WebSocket client written on a bare TCP connection, so that a test can
 * leave without a close handshake: {@linkcode TcpWebSocket.drop} closes
 * the TCP connection with no close frame, {@linkcode TcpWebSocket.silence}
 * stops reading and answering while the connection stays open, as a peer
 * that vanished without a FIN looks to the server.
 * @module
 */

import {
  clientFrame as frame,
  concatBytes as concat,
  parseFrame,
  upgrade,
  writeAll,
} from "../bench/_ws_frames.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A client WebSocket over `Deno.connect`. */
export class TcpWebSocket {
  #conn: Deno.TcpConn;
  #pending: Uint8Array = new Uint8Array(0);
  #reading = true;
  #onText: (text: string) => void;
  #onPing: () => void;
  /** WebSocket-level pings received (each answered with a pong). */
  pings = 0;
  /** The code of the server's close frame, once one came. */
  closeCode: number | null = null;
  /** Resolves when the read loop has ended (dropped, silenced or closed). */
  readonly done: Promise<void>;

  private constructor(
    conn: Deno.TcpConn,
    rest: Uint8Array,
    handlers: { onText: (text: string) => void; onPing: () => void },
  ) {
    this.#conn = conn;
    this.#pending = rest;
    this.#onText = handlers.onText;
    this.#onPing = handlers.onPing;
    this.done = this.#readLoop();
  }

  /**
   * Connects to `127.0.0.1:port`, upgrades `path` and then calls `onText`
   * with every text message but the server's `PING`, which it answers
   * (and tells `onPing`).
   */
  static async open(
    port: number,
    path: string,
    onText: (text: string) => void,
    onPing: () => void = () => {},
  ): Promise<TcpWebSocket> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      const rest = await upgrade(conn, {
        host: `127.0.0.1:${port}`,
        target: path,
      });
      return new TcpWebSocket(conn, rest, { onText, onPing });
    } catch (error) {
      conn.close();
      throw error;
    }
  }

  /** Sends a text message (masked, as a client must). */
  send(text: string): Promise<void> {
    return writeAll(this.#conn, frame(0x1, encoder.encode(text)));
  }

  /**
   * Stops reading and answering (the read under way ends when the next
   * bytes come, unread); the connection stays open.
   */
  silence(): void {
    this.#reading = false;
  }

  /**
   * After {@linkcode silence}: reads what the server sent since, until it
   * ends the TCP connection, and resolves with its close frame's code (null
   * when none came); rejects if the connection is still open after
   * `timeoutMs`.
   */
  async readToEnd(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    const chunk = new Uint8Array(64 * 1024);
    const read = async () => {
      await this.done; // the read under way when it went silent
      for (;;) {
        const n = await this.#conn.read(chunk);
        if (n === null) return;
        this.#pending = concat(this.#pending, chunk.subarray(0, n));
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("the server kept the connection open")),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      await Promise.race([read(), late]);
    } finally {
      clearTimeout(timer);
    }
    this.#parse();
    return this.closeCode;
  }

  /** Closes the TCP connection at once: no close frame, no handshake. */
  drop(): Promise<void> {
    this.#reading = false;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
    return this.done;
  }

  async #readLoop(): Promise<void> {
    const chunk = new Uint8Array(64 * 1024);
    try {
      while (this.#reading) {
        if (!this.#parse()) return; // the server closed
        const n = await this.#conn.read(chunk);
        if (n === null) return;
        this.#pending = concat(this.#pending, chunk.subarray(0, n));
      }
    } catch {
      // dropped while reading
    }
  }

  /** Handles every whole frame received; false once a close frame came. */
  #parse(): boolean {
    for (;;) {
      const parsed = parseFrame(this.#pending);
      if (parsed === null) return true;
      const { opcode, payload } = parsed;
      this.#pending = this.#pending.slice(parsed.size);
      if (opcode === 0x8) {
        this.closeCode = payload.length >= 2
          ? (payload[0]! << 8) | payload[1]!
          : 1005;
        return false;
      }
      if (opcode === 0x9) {
        this.pings++;
        void writeAll(this.#conn, frame(0xa, payload.slice())).catch(() => {});
      }
      if (opcode !== 0x1) continue;
      const text = decoder.decode(payload);
      if (text === "PING") {
        this.#onPing();
        void this.send("PONG").catch(() => {});
      } else this.#onText(text);
    }
  }
}

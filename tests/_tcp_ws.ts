/**
 * A WebSocket client written on a bare TCP connection, so that a test can
 * leave without a close handshake: {@linkcode TcpWebSocket.drop} closes
 * the TCP connection with no close frame, {@linkcode TcpWebSocket.silence}
 * stops reading and answering while the connection stays open, as a peer
 * that vanished without a FIN looks to the server.
 * @module
 */

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
      const key = btoa(
        String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))),
      );
      await writeAll(
        conn,
        encoder.encode(
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
            "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
            `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        ),
      );
      let head: Uint8Array = new Uint8Array(0);
      let end = -1;
      while (end < 0) {
        const chunk = new Uint8Array(4096);
        const n = await conn.read(chunk);
        if (n === null) throw new Error("closed during the upgrade");
        head = concat(head, chunk.subarray(0, n));
        end = indexOfHeaderEnd(head);
      }
      const status = decoder.decode(head.subarray(0, end)).split("\r\n")[0];
      if (!status?.includes(" 101 ")) {
        throw new Error(`upgrade refused: ${status}`);
      }
      return new TcpWebSocket(conn, head.slice(end + 4), { onText, onPing });
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
      const bytes = this.#pending;
      if (bytes.length < 2) return true;
      const opcode = bytes[0]! & 0x0f;
      let length = bytes[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (bytes.length < 4) return true;
        length = (bytes[2]! << 8) | bytes[3]!;
        offset = 4;
      } else if (length === 127) {
        if (bytes.length < 10) return true;
        length = Number(
          new DataView(bytes.buffer, bytes.byteOffset + 2, 8).getBigUint64(0),
        );
        offset = 10;
      }
      if (bytes.length < offset + length) return true;
      const payload = bytes.subarray(offset, offset + length);
      this.#pending = bytes.slice(offset + length);
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

function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const length = payload.length;
  const extra = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const out = new Uint8Array(2 + extra + 4 + length);
  out[0] = 0x80 | opcode;
  if (extra === 0) out[1] = 0x80 | length;
  else if (extra === 2) {
    out[1] = 0x80 | 126;
    out[2] = length >> 8;
    out[3] = length & 0xff;
  } else {
    out[1] = 0x80 | 127;
    new DataView(out.buffer).setBigUint64(2, BigInt(length));
  }
  const mask = crypto.getRandomValues(new Uint8Array(4));
  out.set(mask, 2 + extra);
  const start = 2 + extra + 4;
  for (let i = 0; i < length; i++) out[start + i] = payload[i]! ^ mask[i % 4]!;
  return out;
}

async function writeAll(conn: Deno.TcpConn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOfHeaderEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 &&
      bytes[i + 3] === 10
    ) return i;
  }
  return -1;
}

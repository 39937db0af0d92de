/**
 * A lean WebSocket client on a plain TCP connection with `TCP_NODELAY`, for
 * the connect scenario: Deno's `WebSocket` client leaves Nagle's algorithm
 * on, so a second small frame written before the first is acknowledged
 * waits for the peer's delayed ACK (about 40 ms on Linux), and a
 * connect-call-close measured with it is mostly that wait. This client
 * writes the upgrade request (`_ws_frames.ts`), then its text frames (masked, as RFC 6455
 * requires of a client) in one write, reads text frames, and closes with
 * the close handshake. It handles only what the benchmark servers send:
 * unfragmented text and close frames.
 * @module
 */

import {
  clientFrame as frame,
  concatBytes,
  parseFrame as parse,
  upgrade,
  writeAll,
} from "./_ws_frames.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Connects to `url` (ws://host:port/path?query), sends `messages` as text
 * frames in one write once upgraded, calls `onText` with each text frame
 * until it returns true, then closes (1000) and resolves once the server's
 * close frame and the end of the connection arrived.
 */
export async function connectCallClose(
  url: string,
  messages: string[],
  onText: (text: string) => boolean,
): Promise<void> {
  const { hostname, port, pathname, search } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    conn.setNoDelay(true);
    let buffer: Uint8Array = await upgrade(conn, {
      host: `${hostname}:${port}`,
      target: `${pathname}${search}`,
    });
    const chunk = new Uint8Array(64 * 1024);
    const read = async (): Promise<boolean> => {
      const n = await conn.read(chunk);
      if (n === null) return false;
      buffer = concatBytes(buffer, chunk.subarray(0, n));
      return true;
    };
    await writeAll(
      conn,
      concatBytes(...messages.map((m) => frame(1, encoder.encode(m)))),
    );
    let closing = false;
    for (;;) {
      let parsed = parse(buffer);
      while (parsed === null) {
        if (!(await read())) return; // the server ended the connection
        parsed = parse(buffer);
      }
      buffer = buffer.subarray(parsed.size);
      if (parsed.opcode === 8) {
        if (!closing) await conn.write(frame(8, parsed.payload.slice(0, 2)));
        closing = true;
        while (await read()); // until the server ends the TCP connection
        return;
      }
      if (
        parsed.opcode === 1 && !closing &&
        onText(decoder.decode(parsed.payload))
      ) {
        closing = true;
        await conn.write(frame(8, new Uint8Array([0x03, 0xe8])));
      }
    }
  } finally {
    try {
      conn.close();
    } catch {
      // already closed
    }
  }
}

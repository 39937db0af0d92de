/**
 * A lean WebSocket client on a plain TCP connection with `TCP_NODELAY`, for
 * the connect scenario: Deno's `WebSocket` client leaves Nagle's algorithm
 * on, so a second small frame written before the first is acknowledged
 * waits for the peer's delayed ACK (about 40 ms on Linux), and a
 * connect-call-close measured with it is mostly that wait. This client
 * writes the upgrade request, then its text frames (masked, as RFC 6455
 * requires of a client) in one write, reads text frames, and closes with
 * the close handshake. It handles only what the benchmark servers send:
 * unfragmented text and close frames.
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One masked client text (opcode 1) or close (opcode 8) frame. */
function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const length = payload.length;
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = new Uint8Array(head + 4 + length);
  out[0] = 0x80 | opcode;
  if (length < 126) out[1] = 0x80 | length;
  else if (length < 65536) {
    out[1] = 0x80 | 126;
    out[2] = length >> 8;
    out[3] = length & 0xff;
  } else {
    out[1] = 0x80 | 127;
    new DataView(out.buffer).setBigUint64(2, BigInt(length));
  }
  const mask = crypto.getRandomValues(new Uint8Array(4));
  out.set(mask, head);
  for (let i = 0; i < length; i++) {
    out[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** One server frame parsed from `buffer` at 0, or null if incomplete. */
function parse(
  buffer: Uint8Array,
): { opcode: number; payload: Uint8Array; size: number } | null {
  if (buffer.length < 2) return null;
  const opcode = buffer[0]! & 0x0f;
  let length = buffer[1]! & 0x7f;
  let at = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = (buffer[2]! << 8) | buffer[3]!;
    at = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(
      new DataView(buffer.buffer, buffer.byteOffset).getBigUint64(2),
    );
    at = 10;
  }
  if (buffer.length < at + length) return null;
  return {
    opcode,
    payload: buffer.subarray(at, at + length),
    size: at + length,
  };
}

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
    const key = btoa(
      String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))),
    );
    const request =
      `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
      `Sec-WebSocket-Version: 13\r\n\r\n`;
    await conn.write(encoder.encode(request));
    let buffer: Uint8Array = new Uint8Array(0);
    const chunk = new Uint8Array(64 * 1024);
    const read = async (): Promise<boolean> => {
      const n = await conn.read(chunk);
      if (n === null) return false;
      buffer = concat([buffer, chunk.subarray(0, n)]);
      return true;
    };
    let headEnd = -1;
    while (headEnd === -1) {
      if (!(await read())) throw new Error("closed before the upgrade");
      headEnd = decoder.decode(buffer).indexOf("\r\n\r\n");
    }
    const head = decoder.decode(buffer.subarray(0, headEnd));
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new Error(`upgrade refused: ${head.split("\r\n")[0]}`);
    }
    buffer = buffer.subarray(headEnd + 4);
    await conn.write(
      concat(messages.map((m) => frame(1, encoder.encode(m)))),
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

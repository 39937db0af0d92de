/**
 * The bytes of a WebSocket client on a bare TCP connection (RFC 6455), shared
 * by the connect benchmark's lean client (`_wire_client.ts`) and the tests'
 * TCP client (`tests/_tcp_ws.ts`): the upgrade, masked client frames, server
 * frames parsed from a buffer.
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One masked client frame of `opcode` (1 text, 8 close, 10 pong...). */
export function clientFrame(opcode: number, payload: Uint8Array): Uint8Array {
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

/** One server frame parsed from `buffer` at 0 (its `size` in bytes), or null if incomplete. */
export function parseFrame(
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

/** `parts` in one new array. */
export function concatBytes(
  ...parts: readonly Uint8Array[]
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Writes all of `bytes` (a write may take only part). */
export async function writeAll(
  conn: Deno.TcpConn,
  bytes: Uint8Array,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
}

/**
 * Upgrades `conn` to a WebSocket on `target` (path and query) of `host`
 * (`hostname:port`): sends the request, reads the response's head, and
 * answers the bytes after it (the first frames, if any came with it).
 * Throws when the server refuses (its status line) or closes first.
 */
export async function upgrade(
  conn: Deno.TcpConn,
  opts: { host: string; target: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const key = btoa(
    String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))),
  );
  await writeAll(
    conn,
    encoder.encode(
      `GET ${opts.target} HTTP/1.1\r\nHost: ${opts.host}\r\n` +
        "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ),
  );
  let head: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  // a response head is a few hundred bytes: a small buffer per connection
  const chunk = new Uint8Array(4096);
  let end = -1;
  while (end < 0) {
    const n = await conn.read(chunk);
    if (n === null) throw new Error("closed during the upgrade");
    head = concatBytes(head, chunk.subarray(0, n));
    end = indexOfHeadEnd(head);
  }
  const status = decoder.decode(head.subarray(0, end)).split("\r\n")[0] ?? "";
  if (!status.startsWith("HTTP/1.1 101")) {
    throw new Error(`upgrade refused: ${status}`);
  }
  return head.slice(end + 4);
}

/** Where the blank line ending an HTTP head starts, or -1. */
function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 &&
      bytes[i + 3] === 10
    ) return i;
  }
  return -1;
}

/**
 * Reads the server's WebSocket frames off a raw upgraded connection
 * ({@linkcode rawUpgrade}) until its close frame, for tests whose client
 * must not read until some point (a slow consumer) and then must see how
 * the server ended the connection.
 * @module
 */
import { within } from "./_helpers.ts";
import type { RawUpgrade } from "./_raw_http.ts";

/** The server's close frame and what came before it. */
export interface RawClose {
  /** The close code (1005 when the frame has none). */
  code: number;
  /** The close reason. */
  reason: string;
  /** How many data frames came before it. */
  frames: number;
}

const CLOSE_OPCODE = 0x8;

/**
 * Reads frames (unmasked, as a server sends them) until the close frame;
 * throws past `maxBytes` read or on end of stream before it. Each read
 * waits at most 5 s.
 */
export async function readUntilClose(
  upgrade: RawUpgrade,
  opts: { maxBytes: number },
): Promise<RawClose> {
  let bytes = upgrade.early;
  let read = bytes.length;
  let frames = 0;
  const buffer = new Uint8Array(64 * 1024);
  while (read <= opts.maxBytes) {
    for (let frame = frameAt(bytes); frame !== null; frame = frameAt(bytes)) {
      if (frame.opcode === CLOSE_OPCODE) return closeOf(frame.payload, frames);
      frames++;
      bytes = bytes.subarray(frame.length);
    }
    const n = await within(upgrade.conn.read(buffer), 5000, "a frame");
    if (n === null) {
      throw new Error(
        `the stream ended after ${frames} frames, no close frame`,
      );
    }
    read += n;
    const grown = new Uint8Array(bytes.length + n);
    grown.set(bytes);
    grown.set(buffer.subarray(0, n), bytes.length);
    bytes = grown;
  }
  throw new Error(`no close frame in the first ${opts.maxBytes} bytes`);
}

/** The complete frame at the start of `bytes`, or null while it is partial. */
function frameAt(
  bytes: Uint8Array,
): { opcode: number; payload: Uint8Array; length: number } | null {
  if (bytes.length < 2) return null;
  const opcode = bytes[0]! & 0x0f;
  let size = bytes[1]! & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (bytes.length < 4) return null;
    size = (bytes[2]! << 8) | bytes[3]!;
    offset = 4;
  } else if (size === 127) {
    if (bytes.length < 10) return null;
    size = Number(
      new DataView(bytes.buffer, bytes.byteOffset + 2, 8).getBigUint64(0),
    );
    offset = 10;
  }
  if (bytes.length < offset + size) return null;
  return {
    opcode,
    payload: bytes.subarray(offset, offset + size),
    length: offset + size,
  };
}

function closeOf(payload: Uint8Array, frames: number): RawClose {
  if (payload.length < 2) return { code: 1005, reason: "", frames };
  return {
    code: (payload[0]! << 8) | payload[1]!,
    reason: new TextDecoder().decode(payload.subarray(2)),
    frames,
  };
}

/** A client-to-server text frame (masked, as RFC 6455 requires). */
export function maskedTextFrame(text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const mask = new Uint8Array([1, 2, 3, 4]);
  const header = payload.length < 126
    ? [0x81, 0x80 | payload.length]
    : [0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff];
  const frame = new Uint8Array(header.length + 4 + payload.length);
  frame.set(header, 0);
  frame.set(mask, header.length);
  for (let i = 0; i < payload.length; i++) {
    frame[header.length + 4 + i] = (payload[i] as number) ^
      (mask[i % 4] as number);
  }
  return frame;
}

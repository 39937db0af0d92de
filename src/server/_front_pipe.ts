import { closingResponse } from "./_http_head.ts";

const CRLFCRLF = [13, 10, 13, 10];

/**
 * Finds the end of an HTTP request head (`\r\n\r\n`) across chunks; once
 * found it stays found and reads no more bytes.
 */
export class HeaderEnd {
  #matched = 0;

  /** Scans `chunk`; true once the head's end has been seen. */
  push(chunk: Uint8Array): boolean {
    return this.scan(chunk) >= 0;
  }

  /**
   * Scans `chunk`: the offset in it just past the head's end, -1 if the end
   * is not in it yet, 0 if it was found in an earlier chunk.
   */
  scan(chunk: Uint8Array): number {
    if (this.#matched === 4) return 0;
    for (let i = 0; i < chunk.byteLength; i++) {
      const byte = chunk[i];
      if (byte === CRLFCRLF[this.#matched]) this.#matched++;
      else this.#matched = byte === 13 ? 1 : 0;
      if (this.#matched === 4) return i + 1;
    }
    return -1;
  }
}

/** Hooks on the bytes {@linkcode pipeConnections} moves. */
export interface PipeHooks {
  /** Each chunk from the client, before it is forwarded. */
  sent?: (chunk: Uint8Array) => void;
  /** Each chunk from the server, before it is forwarded. */
  answered?: (chunk: Uint8Array) => void;
}

/** A connection's read buffer starts small (idle connections are most)... */
const FIRST_BUFFER_BYTES = 4 * 1024;
/** ...and grows to this once a read fills it. */
const LARGE_BUFFER_BYTES = 64 * 1024;

/**
 * Copies bytes from `client` to `server` and back until both directions
 * ended. The client's end (EOF) is passed on as a half close, so the
 * server still answers; the server's end, or an error either way, closes
 * both.
 */
export async function pipeConnections(
  client: Deno.Conn,
  server: Deno.Conn,
  hooks: PipeHooks = {},
): Promise<void> {
  const copy = async (
    from: Deno.Conn,
    to: Deno.Conn,
    seen: ((chunk: Uint8Array) => void) | undefined,
  ) => {
    let buffer = new Uint8Array(FIRST_BUFFER_BYTES);
    try {
      for (;;) {
        const read = await from.read(buffer);
        if (read === null) break;
        const chunk = buffer.subarray(0, read);
        seen?.(chunk);
        await writeAll(to, chunk);
        if (read === buffer.byteLength && read < LARGE_BUFFER_BYTES) {
          buffer = new Uint8Array(LARGE_BUFFER_BYTES);
        }
      }
      if (from === client) return await to.closeWrite();
    } catch {
      // a reset or a closed connection: end both
    }
    closeBoth(client, server);
  };
  await Promise.all([
    copy(client, server, hooks.sent),
    copy(server, client, hooks.answered),
  ]);
}

/**
 * The raw answer to a connection over `MAX_CONNECTIONS_PER_IP`: a 429 with
 * a sentence, then the connection is closed.
 */
export function plainRefusal(address: string, max: number): Uint8Array {
  const body =
    `Too many connections from ${address}: one address may hold ${max} at once that are not WebSockets (MAX_CONNECTIONS_PER_IP); close one, or reuse a keep-alive connection, before opening another.\n`;
  return closingResponse(429, {
    headers: [["content-type", "text/plain; charset=utf-8"]],
    body: new TextEncoder().encode(body),
  });
}

/** Writes all of `bytes` to `conn` (a write may take part of them). */
export async function writeAll(
  conn: Deno.Conn,
  bytes: Uint8Array,
): Promise<void> {
  for (let at = 0; at < bytes.byteLength;) {
    at += await conn.write(bytes.subarray(at));
  }
}

function closeBoth(a: Deno.Conn, b: Deno.Conn): void {
  for (const conn of [a, b]) {
    try {
      conn.close();
    } catch {
      // already closed
    }
  }
}

const SWITCHING = new TextEncoder().encode("HTTP/1.1 101 ");

/** Whether a response chunk starts with a `101 Switching Protocols` status line. */
export function isSwitchingProtocols(chunk: Uint8Array): boolean {
  if (chunk.byteLength < SWITCHING.byteLength) return false;
  return SWITCHING.every((byte, i) => chunk[i] === byte);
}

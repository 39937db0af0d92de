/**
 * A WebSocket upgrade request written by hand over TCP, for what Deno's
 * `WebSocket` does not show: the status and body of a refused upgrade.
 * @module
 */
import { within } from "./_helpers.ts";

/** The answer to a raw upgrade request; `await using` closes the socket. */
export interface RawUpgrade extends AsyncDisposable {
  /** The HTTP status (101 when upgraded). */
  status: number;
  /** The response headers, names lower-cased. */
  headers: Map<string, string>;
  /** The body (empty for a 101). */
  body: string;
  /** After a 101, the bytes of the first frames read with the headers. */
  early: Uint8Array;
  /** The TCP connection, still open after a 101. */
  conn: Deno.TcpConn;
}

/** Sends `GET path` with the upgrade headers and `headers` to 127.0.0.1. */
export async function rawUpgrade(
  port: number,
  opts: { path?: string; headers?: Record<string, string> } = {},
): Promise<RawUpgrade> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const lines = [
    `GET ${opts.path ?? "/trpc"} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...Object.entries(opts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  await conn.write(new TextEncoder().encode(`${lines.join("\r\n")}\r\n\r\n`));
  let bytes = new Uint8Array(0);
  const buffer = new Uint8Array(4096);
  for (let reads = 0; reads < 100; reads++) {
    const end = headerEnd(bytes);
    if (end >= 0) {
      const head = new TextDecoder().decode(bytes.subarray(0, end));
      const [statusLine = "", ...rest] = head.split("\r\n");
      const headers = new Map(rest.map((line) => {
        const colon = line.indexOf(":");
        return [
          line.slice(0, colon).trim().toLowerCase(),
          line.slice(colon + 1).trim(),
        ] as [string, string];
      }));
      const status = Number(statusLine.split(" ")[1]);
      const length = Number(headers.get("content-length") ?? 0);
      const after = bytes.subarray(end + 4);
      if (status === 101 || after.length >= length) {
        return {
          status,
          headers,
          body: status === 101
            ? ""
            : new TextDecoder().decode(after.subarray(0, length)),
          early: status === 101 ? after : new Uint8Array(0),
          conn,
          [Symbol.asyncDispose]: () => Promise.resolve(closeQuietly(conn)),
        };
      }
    }
    const n = await within(conn.read(buffer), 5000, "the upgrade response");
    if (n === null) break;
    const grown = new Uint8Array(bytes.length + n);
    grown.set(bytes);
    grown.set(buffer.subarray(0, n), bytes.length);
    bytes = grown;
  }
  const text = new TextDecoder().decode(bytes);
  closeQuietly(conn);
  throw new Error(`no complete response to the upgrade: ${text}`);
}

/** Where `\r\n\r\n` starts in `bytes`, or -1. */
function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 &&
      bytes[i + 3] === 10
    ) return i;
  }
  return -1;
}

function closeQuietly(conn: Deno.TcpConn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

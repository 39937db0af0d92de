/**
 * The connection front's own reading of a request head, for the one case it
 * serves itself (a WebSocket upgrade), and the answers it writes itself (a
 * refused upgrade, the raw 429). Anything else goes to `Deno.serve` untouched.
 * @module
 */

/** Longest request head the front reads itself; a longer one goes to `Deno.serve`. */
export const MAX_UPGRADE_HEAD_BYTES = 16 * 1024;

/** A WebSocket upgrade request, as read from its head. */
export interface UpgradeHead {
  /** The request, `GET` of `http://{host}{target}`, with the head's headers. */
  request: Request;
}

/**
 * Reads `head` (the bytes up to, not including, the blank line) as a plain
 * `GET {origin-form target} HTTP/1.1` asking for `Upgrade: websocket`,
 * with one `Host`, no body and no folded lines; null for anything else
 * (which `Deno.serve` then reads and answers, errors included).
 */
export function readUpgradeHead(head: Uint8Array): UpgradeHead | null {
  if (head.byteLength > MAX_UPGRADE_HEAD_BYTES) return null;
  const lines = LATIN1.decode(head).split("\r\n");
  const start = /^GET (\/[\x21-\x7e]*) HTTP\/1\.1$/.exec(lines[0] ?? "");
  if (start === null) return null;
  const pairs: [string, string][] = [];
  let host: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(":");
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return null;
    const pair: [string, string] = [
      line.slice(0, colon),
      line.slice(colon + 1).trim(),
    ];
    if (pair[0].toLowerCase() === "host") {
      if (host !== null) return null; // two
      host = pair[1];
    }
    pairs.push(pair);
  }
  if (host === null || !HOST.test(host)) return null;
  let request: Request;
  try {
    // appended to the request's own headers: `new Request(url, { headers })`
    // from a Headers object took 28 µs, this about 6
    request = new Request(`http://${host}${start[1]}`);
    for (const [name, value] of pairs) request.headers.append(name, value);
  } catch {
    return null; // a value Headers refuses, or not a URL
  }
  const { headers } = request;
  if (
    headers.get("upgrade")?.toLowerCase() !== "websocket" ||
    headers.has("content-length") || headers.has("transfer-encoding")
  ) return null;
  return { request };
}

/**
 * A response as HTTP/1.1 bytes with `connection: close`: what the front
 * writes when the handler refused an upgrade (a 403, a 429, a 400...).
 */
export async function responseBytes(response: Response): Promise<Uint8Array> {
  const body = new Uint8Array(await response.arrayBuffer());
  return closingResponse(response.status, {
    headers: response.headers,
    body,
    reason: response.statusText,
  });
}

/**
 * HTTP/1.1 bytes of a status, headers and body, with its `content-length`
 * and `connection: close` (any given ones are dropped).
 */
export function closingResponse(
  status: number,
  opts: {
    headers: Iterable<[string, string]>;
    body: Uint8Array;
    reason?: string;
  },
): Uint8Array {
  const { body } = opts;
  let head = `HTTP/1.1 ${status} ${
    opts.reason || REASONS[status] || "Error"
  }\r\n`;
  for (const [name, value] of opts.headers) {
    const lower = name.toLowerCase();
    if (lower !== "content-length" && lower !== "connection") {
      head += `${name}: ${value}\r\n`;
    }
  }
  head += `content-length: ${body.byteLength}\r\nconnection: close\r\n\r\n`;
  const bytes = new TextEncoder().encode(head);
  const out = new Uint8Array(bytes.byteLength + body.byteLength);
  out.set(bytes);
  out.set(body, bytes.byteLength);
  return out;
}

const LATIN1 = new TextDecoder("latin1");
/** An RFC 9110 token (a field name). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A host and an optional port, or a bracketed IPv6 literal and port. */
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-_~%]+)(:[0-9]{1,5})?$/;

const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  426: "Upgrade Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

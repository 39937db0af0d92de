import { ConfigError } from "./_config_error.ts";

/**
 * Which browser origins may call the server: `"*"` any; a list: exactly
 * those; null (the default): the server's own (its `Host`) and the loopback
 * origins (`http(s)://localhost`, `127.0.0.1`, `[::1]`, any port).
 */
export type AllowedOrigins = "*" | readonly string[] | null;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Reads `ALLOWED_ORIGINS`: comma-separated origins (`scheme://host[:port]`,
 * http or https), or `*`. Unset or blank: null, the default.
 */
export function readAllowedOrigins(raw: string | undefined): AllowedOrigins {
  const entries = (raw ?? "").split(",").map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return null;
  if (entries.includes("*")) return "*";
  return Object.freeze([...new Set(entries.map(normalizeSetting))]);
}

function normalizeSetting(entry: string): string {
  const origin = originOf(entry);
  if (origin === null) {
    throw new ConfigError(
      `ALLOWED_ORIGINS has ${
        JSON.stringify(entry)
      }, which is not an origin: list origins as scheme://host[:port] (http or https, no path), comma-separated, or * for any.`,
    );
  }
  return origin.origin;
}

/** The URL of an http(s) origin with nothing after the host, else null. */
function originOf(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const bare = url.pathname === "/" && url.search === "" && url.hash === "" &&
    url.username === "" && url.password === "" && !/[?#]/.test(text);
  return bare && !/^[a-z]+:\/\/[^/]*\/./i.test(text) ? url : null;
}

/**
 * Whether a request's `Origin` header may use the server. A request with
 * no `Origin` (not a browser: agents, scripts) always may. By default the
 * server's own origin is the request's `Host` (host and port; either
 * scheme, so a proxy that ends TLS in front of it still matches). With an
 * explicit list the `Host` is not trusted: a DNS-rebinding page reaches
 * the server under a name of its own, and only the listed origins pass.
 */
export function originAllowed(
  origin: string | null,
  opts: { allowed: AllowedOrigins; host: string | null },
): boolean {
  if (origin === null || opts.allowed === "*") return true;
  const url = originOf(origin);
  if (url === null) return false; // "null" (sandboxed pages, files), junk
  if (opts.allowed !== null) return opts.allowed.includes(url.origin);
  if (opts.host !== null && sameHost(url, opts.host)) return true;
  return LOOPBACK.has(url.hostname);
}

/** The sentence of a 403 for an origin that may not call the server. */
export function originRefusal(origin: string): string {
  return `Origin ${origin} may not use this server: add it to ALLOWED_ORIGINS (comma-separated origins, or * for any) to allow it.`;
}

function sameHost(origin: URL, host: string): boolean {
  try {
    // read Host under the origin's scheme, so default ports compare equal
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

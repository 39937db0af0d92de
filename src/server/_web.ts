/**
 * The spectator page: `GET /` (the HTML), `/app.js` (its script, bundled
 * from `web/`), `/app.css` and `/favicon.svg`, each with its content type
 * and the page's security headers (a Content-Security-Policy allowing only
 * this origin and its WebSocket, `nosniff`, no framing, no referrer).
 * @module
 */
import { jsonResponse } from "../ws/_wire.ts";
import { webBundle } from "./_web_bundle.ts";

const WEB_DIR = new URL("../../web/", import.meta.url);

/** The files of the page, by path: where each comes from and its type. */
const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/index.html": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.css": { file: "style.css", type: "text/css; charset=utf-8" },
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
};

/** The script's path. */
const SCRIPT = "/app.js";

/** Whether `pathname` is one of the page's. */
export function isWebPath(pathname: string): boolean {
  return pathname === SCRIPT || pathname in FILES;
}

/** A `Host` header that is only a host name or address and a port. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The page's Content-Security-Policy: scripts, styles, images and
 * connections from this origin only, plus its own `ws://` and `wss://`
 * (named from `Host` when it is a plain host, else only `'self'`).
 */
export function contentSecurityPolicy(host: string | null): string {
  const sockets = host !== null && PLAIN_HOST.test(host)
    ? ` ws://${host} wss://${host}`
    : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function headers(type: string, req: Request): Record<string, string> {
  return {
    "content-type": type,
    "content-security-policy": contentSecurityPolicy(req.headers.get("host")),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
  };
}

const texts = new Map<string, Promise<string>>();

function readWebFile(name: string): Promise<string> {
  let text = texts.get(name);
  if (text === undefined) {
    text = Deno.readTextFile(new URL(name, WEB_DIR));
    text.catch(() => texts.delete(name)); // a later request tries again
    texts.set(name, text);
  }
  return text;
}

/** Answers a request for one of the page's paths (see {@linkcode isWebPath}). */
export async function webResponse(
  req: Request,
  pathname: string,
): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return jsonResponse(405, { error: `${pathname} answers GET only.` }, {
      allow: "GET, HEAD",
    });
  }
  const body = (text: string, type: string, extra: HeadersInit = {}) =>
    new Response(req.method === "HEAD" ? null : text, {
      headers: { ...headers(type, req), ...extra },
    });
  if (pathname === SCRIPT) {
    const bundle = await webBundle();
    if (!bundle.ok) {
      return new Response(bundle.message, {
        status: 503,
        headers: headers("text/plain; charset=utf-8", req),
      });
    }
    if (req.headers.get("if-none-match") === bundle.etag) {
      return new Response(null, {
        status: 304,
        headers: headers("text/javascript; charset=utf-8", req),
      });
    }
    return body(bundle.js, "text/javascript; charset=utf-8", {
      etag: bundle.etag,
    });
  }
  const { file, type } = FILES[pathname] as { file: string; type: string };
  try {
    return body(await readWebFile(file), type);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return jsonResponse(500, {
      error: `The page's ${file} could not be read: ${reason}`,
    });
  }
}

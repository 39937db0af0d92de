import { ConnectionCounter, KeyedRateLimit } from "./_ip_limits.ts";
import {
  type AllowedOrigins,
  originAllowed,
  originRefusal,
} from "./_origins.ts";

/** Options of {@linkcode AccessGuard}. */
export interface AccessGuardOptions {
  /** `ALLOWED_ORIGINS`: see the configuration. Default null (loopback). */
  allowedOrigins?: AllowedOrigins;
  /** `WS_MAX_CONNECTIONS_PER_IP`: open WebSockets per address (0: any). */
  wsMaxConnectionsPerIp?: number;
  /** `HTTP_RATE_LIMIT`: `/trpc` HTTP requests per second per address (0: none). */
  httpRateLimitPerSecond?: number;
  /** `HTTP_RATE_BURST`: `/trpc` HTTP requests an address may make at once. */
  httpRateBurst?: number;
  /** The clock of the rate limit, in ms (tests inject one). */
  now?: () => number;
  /** Told of each refusal by a limit per address (metrics). */
  onRefused?: ((limit: "per_address" | "http_rate") => void) | undefined;
}

/** Why a request was refused: the HTTP status and a sentence. */
export interface Refusal {
  /** 400 (a batch too big), 403 (origin), 413 (a body or URL too big) or 429 (a limit). */
  status: 400 | 403 | 413 | 429;
  /** What was wrong and what to do. */
  message: string;
  /** For 429: milliseconds until the client may try again. */
  retryAfterMs?: number;
}

/**
 * Who may reach the server: browser origins, open WebSockets and SSE
 * streams per remote address, and the rate of plain HTTP `/trpc` calls per
 * remote address.
 */
export class AccessGuard {
  #allowed: AllowedOrigins;
  #sockets: ConnectionCounter;
  #http: KeyedRateLimit | null;
  #rate: { perSecond: number; burst: number };
  #refused: ((limit: "per_address" | "http_rate") => void) | undefined;

  constructor(opts: AccessGuardOptions = {}) {
    this.#refused = opts.onRefused;
    this.#allowed = opts.allowedOrigins ?? null;
    this.#sockets = new ConnectionCounter(opts.wsMaxConnectionsPerIp ?? 0);
    this.#rate = {
      perSecond: opts.httpRateLimitPerSecond ?? 0,
      burst: opts.httpRateBurst ?? 1,
    };
    this.#http = this.#rate.perSecond > 0
      ? new KeyedRateLimit(this.#rate, {
        now: opts.now ?? (() => performance.now()),
      })
      : null;
  }

  /** A 403 for a request whose `Origin` may not use the server, else null. */
  checkOrigin(req: Request): Refusal | null {
    const origin = req.headers.get("origin");
    if (originAllowed(origin, { allowed: this.#allowed, host: hostOf(req) })) {
      return null;
    }
    return { status: 403, message: originRefusal(origin ?? "") };
  }

  /**
   * Counts a WebSocket or an SSE stream from `address` in (both share one
   * budget): returns the function that counts it out when it closes, or a
   * 429 when the address holds the most allowed.
   */
  openSocket(address: string): (() => void) | Refusal {
    const release = this.#sockets.acquire(address);
    if (release !== null) return release;
    this.#refused?.("per_address");
    const max = this.#sockets.max;
    return {
      status: 429,
      message:
        `Too many WebSockets and SSE streams from ${address}: one address may hold ${max} at once (WS_MAX_CONNECTIONS_PER_IP); close one before opening another.`,
    };
  }

  /**
   * Counts a plain HTTP `/trpc` request of `calls` calls (a batch of N
   * costs N): a 429 when over the rate, else null. A batch larger than the
   * burst can never pass: its 429 says to split it and has no wait.
   */
  takeHttp(address: string, calls = 1): Refusal | null {
    const wait = this.#http?.take(address, calls) ?? 0;
    if (wait === 0) return null;
    this.#refused?.("http_rate");
    const { perSecond, burst } = this.#rate;
    if (wait === Infinity) {
      return {
        status: 429,
        message:
          `Too many calls in one request: a batch of ${calls} calls counts as ${calls} requests, and one address may make ${burst} at once (HTTP_RATE_BURST); send batches of ${burst} calls or fewer (httpBatchLink's maxItems), or use the WebSocket.`,
      };
    }
    return {
      status: 429,
      message:
        `Too many requests: each call of a batch counts as one, and one address may make ${perSecond} HTTP requests per second to /trpc on average and ${burst} at once (HTTP_RATE_LIMIT, HTTP_RATE_BURST); retry in ${wait} ms, or use the WebSocket.`,
      retryAfterMs: wait,
    };
  }

  /** Open WebSockets and SSE streams counted for `address`, or for all when none is given. */
  openSockets(address?: string): number {
    return this.#sockets.count(address);
  }

  /** Addresses tracked: with an open WebSocket, and with an HTTP bucket. */
  get tracked(): { sockets: number; http: number } {
    return { sockets: this.#sockets.keys, http: this.#http?.keys ?? 0 };
  }
}

/** The remote address of a `Deno.serve` request ("unknown" without one). */
export function remoteAddress(info: Deno.ServeHandlerInfo | undefined): string {
  const addr = info?.remoteAddr;
  if (addr === undefined) return "unknown";
  return "hostname" in addr ? addr.hostname : "unix";
}

function hostOf(req: Request): string | null {
  return req.headers.get("host") ?? new URL(req.url).host;
}

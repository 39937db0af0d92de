import { safeEqual } from "../api/mod.ts";

/** What `GET /metrics` serves. */
export interface MetricsEndpoint {
  /** `METRICS_TOKEN`; unset: loopback addresses only. */
  token: string | undefined;
  /** The Prometheus text. */
  scrape(): Promise<string>;
  /** Its content type. */
  contentType: string;
}

/**
 * `GET /metrics` from `address`: with a token, 401 unless the request
 * carries it as `Authorization: Bearer` (compared in constant time);
 * without one, 403 for any address but loopback, with a sentence saying
 * how to open it. Refusals are plain text, as a scraper logs them.
 */
export async function metricsResponse(
  req: Request,
  address: string,
  endpoint: MetricsEndpoint,
): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return text(405, "/metrics answers GET only.", { allow: "GET, HEAD" });
  }
  const { token } = endpoint;
  if (token === undefined) {
    if (!isLoopback(address)) {
      return text(
        403,
        `/metrics answers this machine only while METRICS_TOKEN is unset, and ${address} is not loopback: set METRICS_TOKEN on the server and send it as "Authorization: Bearer <token>" (Prometheus' authorization setting) to scrape it from elsewhere.`,
      );
    }
  } else {
    const given = /^Bearer (.+)$/i.exec(req.headers.get("authorization") ?? "");
    if (given === null || !safeEqual(given[1] as string, token)) {
      return text(
        401,
        `/metrics needs the METRICS_TOKEN: send it as "Authorization: Bearer <token>"${
          given === null ? "" : " (the token sent is not it)"
        }.`,
        { "www-authenticate": 'Bearer realm="metrics"' },
      );
    }
  }
  const body = await endpoint.scrape();
  return new Response(req.method === "HEAD" ? null : body, {
    headers: { "content-type": endpoint.contentType },
  });
}

/** Whether `address` is this machine: 127.0.0.0/8 or ::1, IPv4-mapped too. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function text(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

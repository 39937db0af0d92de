import { type AnyRouter, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Refusal } from "./access_guard.ts";

const CODES = {
  400: "BAD_REQUEST",
  403: "FORBIDDEN",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
} as const satisfies Record<Refusal["status"], TRPCError["code"]>;

/**
 * Answers a plain HTTP tRPC request with `refusal` as tRPC would answer an
 * error thrown by `createContext`: the router's error shape and transformer,
 * one error per call of a batch, the HTTP status of the code, so the
 * official client reads it as a `TRPCClientError` (BAD_REQUEST for 400,
 * FORBIDDEN for 403, PAYLOAD_TOO_LARGE for 413, TOO_MANY_REQUESTS for 429).
 * A 429 with a wait carries `retry-after` in seconds. The request's body is
 * never read.
 */
export async function refuseTRPCRequest(
  req: Request,
  opts: { router: AnyRouter; endpoint: string; refusal: Refusal },
): Promise<Response> {
  const { refusal } = opts;
  const error = new TRPCError({
    code: CODES[refusal.status],
    message: refusal.message,
  });
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  const response = await fetchRequestHandler({
    endpoint: opts.endpoint,
    req: new Request(req.url, { method: req.method, headers }), // no body
    router: opts.router,
    createContext: () => {
      throw error;
    },
  });
  if (refusal.retryAfterMs !== undefined) {
    const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
    response.headers.set("retry-after", String(seconds));
  }
  return response;
}

import { type AnyRouter, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Refusal } from "./access_guard.ts";

/**
 * Answers a plain HTTP tRPC request with `refusal` as tRPC would answer an
 * error thrown by `createContext`: the router's error shape and transformer,
 * one error per call of a batch, the HTTP status of the code, so the
 * official client reads it as a `TRPCClientError` (FORBIDDEN for 403,
 * TOO_MANY_REQUESTS for 429). A 429 carries `retry-after` in seconds.
 */
export async function refuseTRPCRequest(
  req: Request,
  opts: { router: AnyRouter; endpoint: string; refusal: Refusal },
): Promise<Response> {
  const { refusal } = opts;
  const error = new TRPCError({
    code: refusal.status === 403 ? "FORBIDDEN" : "TOO_MANY_REQUESTS",
    message: refusal.message,
  });
  const response = await fetchRequestHandler({
    endpoint: opts.endpoint,
    req,
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

import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type AppContext, appRouter, type ContextRequest } from "../api/mod.ts";
import type { AccessGuard, Refusal } from "./access_guard.ts";
import { ConnectionCounter } from "./_ip_limits.ts";
import {
  boundBody,
  checkHttpSize,
  httpCallPaths,
  type HttpSizeLimits,
} from "./_http_limits.ts";
import { envelopePlainInputs } from "./_plain_input.ts";
import { refuseTRPCRequest } from "./_trpc_refusal.ts";
import { endableBody, operatorEndEvent, SseEnding } from "./_sse_body.ts";

/** What {@linkcode createTRPCHttpHandler} needs. */
export interface TRPCHttpOptions {
  /** The tRPC endpoint, e.g. `/trpc`. */
  endpoint: string;
  /** Origins, the HTTP rate and the streams per address. */
  guard: AccessGuard;
  /** Batch, body and URL limits. */
  limits: HttpSizeLimits;
  /** `WS_MAX_SUBSCRIPTIONS`: SSE subscriptions one client may hold (0: any). */
  maxSubscriptions: number;
  /** Makes a procedure's context. */
  createContext: (request: ContextRequest) => AppContext | Promise<AppContext>;
  /** Called with every tRPC error. */
  onError?: ((error: Error, path: string | undefined) => void) | undefined;
  /** Counts an SSE stream in; returns what counts it out. */
  onStream?: ((stream: HttpStream) => () => void) | undefined;
  /** Times one call of `path`; `answered` hears its code (null: OK). */
  onCall?:
    | ((path: string) => { answered(code: string | null): void })
    | undefined;
}

/** An SSE stream as it starts: its caller, procedure and address. */
export interface HttpStream {
  /** The caller's context. */
  ctx: AppContext;
  /** The subscription's procedure path. */
  path: string;
  /** The remote address. */
  address: string;
  /**
   * Ends the stream for an operator: the client gets the subscription's
   * error (`OPERATOR_SSE_CODE`, with `reason`, already cleaned), then the
   * response ends; idempotent.
   */
  end(reason: string): void;
}

/**
 * Serves plain HTTP tRPC requests (queries, mutations, SSE subscriptions)
 * from `address`. Before tRPC sees one: its origin; its batch size and URL
 * and declared body against the limits; the address's HTTP rate, a batch
 * of N costing N; then its body, read with a running count. An SSE stream
 * holds one of the address's connections (with its WebSockets) and one of
 * its client's subscriptions until the stream ends or the client goes; an
 * operator may end it (`HttpStream.end`, see `_sse_body.ts`).
 * Plain JSON inputs are wrapped in superjson's envelope (`_plain_input.ts`).
 * Refusals are tRPC errors with a sentence.
 */
export function createTRPCHttpHandler(
  opts: TRPCHttpOptions,
): (req: Request, address: string) => Promise<Response> {
  const { endpoint, guard, limits } = opts;
  const subscriptions = new ConnectionCounter(opts.maxSubscriptions);
  const refuse = (req: Request, refusal: Refusal) =>
    refuseTRPCRequest(req, { router: appRouter, endpoint, refusal });
  const openStream = (stream: HttpStream): () => void => {
    const { address, ctx } = stream;
    const slot = guard.openSocket(address);
    if (typeof slot !== "function") {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: slot.message });
    }
    const client = ctx.who.client_id ?? `anonymous@${address}`;
    const subscription = subscriptions.acquire(client);
    if (subscription !== null) {
      const counted = opts.onStream?.(stream);
      return () => {
        counted?.();
        subscription();
        slot();
      };
    }
    slot();
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message:
        `The SSE client ${client} already holds ${subscriptions.max} subscriptions, the most allowed (WS_MAX_SUBSCRIPTIONS): end one before starting another.`,
    });
  };
  return async (req, address) => {
    const paths = httpCallPaths(new URL(req.url), endpoint);
    const calls = paths.length;
    const refusal = guard.checkOrigin(req) ??
      checkHttpSize(req, { ...limits, calls }) ??
      guard.takeHttp(address, calls);
    if (refusal !== null) return refuse(req, refusal);
    const bounded = await boundBody(req, limits.maxBytes);
    if (!(bounded instanceof Request)) return refuse(req, bounded);
    let release: (() => void) | null = null;
    const ending = new SseEnding();
    const probes = opts.onCall === undefined ? null : paths.map(opts.onCall);
    const failed: { path: string | undefined; code: string }[] = [];
    const response = await fetchRequestHandler({
      endpoint,
      req: await envelopePlainInputs(bounded),
      router: appRouter,
      createContext: async ({ req, info }) => {
        const ctx = await opts.createContext({
          req,
          connectionParams: info.connectionParams,
        });
        if (info.type === "subscription") {
          const path = info.calls[0]?.path ?? "";
          const end = (reason: string) =>
            ending.end(operatorEndEvent(ctx, { path, reason }));
          release = openStream({ ctx, path, address, end });
        }
        return ctx;
      },
      onError: ({ error, path }) => {
        if (probes !== null) failed.push({ path, code: error.code });
        opts.onError?.(error, path);
      },
    });
    if (probes !== null) answerCalls(paths, { probes, failed });
    return release === null
      ? response
      : endableBody(response, { release, ending });
  };
}

/**
 * Tells each call's probe its code once the response starts: the first
 * unclaimed error of its path (a context's error has every path), else OK.
 * A streamed batch's call failing after that counts as OK.
 */
function answerCalls(
  paths: readonly string[],
  opts: {
    probes: { answered(code: string | null): void }[];
    failed: { path: string | undefined; code: string }[];
  },
): void {
  const { probes, failed } = opts;
  paths.forEach((path, i) => {
    const at = failed.findIndex((f) => f.path === path || f.path === undefined);
    const code = at < 0 ? null : (failed[at] as { code: string }).code;
    if (at >= 0 && failed[at]?.path !== undefined) failed.splice(at, 1);
    probes[i]?.answered(code);
  });
}

import {
  type AnyRouter,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  TRPCError,
} from "@trpc/server";
import {
  type Middleware,
  type ProcedureDef,
  procedureDef,
} from "./_internals.ts";

/** What running one call takes. */
export interface CallOptions {
  /** The procedure's path. */
  path: string;
  /** `query`, `mutation` or `subscription`. */
  type: "query" | "mutation" | "subscription";
  /** The deserialized input. */
  input: unknown;
  /** The connection's context. */
  ctx: unknown;
  /** Aborted when the call is stopped or the socket closes. */
  signal: AbortSignal;
  /** The call's place in its batch. */
  batchIndex: number;
}

/** What a middleware gets, as tRPC's `callRecursive` builds it. */
type ChainOptions = {
  ctx: unknown;
  getRawInput: () => Promise<unknown>;
  input?: unknown;
  path: string;
  type: string;
  signal: AbortSignal;
  batchIndex: number;
};

type Result = Awaited<ReturnType<Middleware>>;

/**
 * Runs a procedure with tRPC's semantics: its middlewares in order, each
 * able to extend the context and replace the input through `next()`, the
 * input and output parsers, then the resolver; a throw anywhere becomes the
 * call's error. For a procedure in the router's table this runs the chain
 * here, as tRPC's `callRecursive` does but with the language's own object
 * spread: tRPC's published build turns each spread into a helper that
 * redefines every property, which cost more than half of a call's CPU time.
 * Anything else (lazy routers, unknown paths, a type that does not match)
 * goes through `callTRPCProcedure`, for its loading and its NOT_FOUND
 * errors.
 */
export async function runProcedure(
  router: AnyRouter,
  call: CallOptions,
): Promise<unknown> {
  const { path, type, input, ctx, signal, batchIndex } = call;
  const getRawInput = () => Promise.resolve(input);
  const def = procedureDef(router, path, type);
  if (def === null) {
    const opts = { router, path, getRawInput, ctx, type, signal, batchIndex };
    return await callTRPCProcedure(opts);
  }
  const opts = { ctx, getRawInput, path, type, signal, batchIndex };
  const result = await runChain(def, 0, opts);
  if (result === undefined) {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message:
        "No result from middlewares - did you forget to `return next()`?",
    });
  }
  if (!result.ok) throw result.error;
  return result.data;
}

async function runChain(
  def: ProcedureDef,
  index: number,
  opts: ChainOptions,
): Promise<Result> {
  try {
    const middleware = def.middlewares[index]!;
    return await middleware({
      ...opts,
      meta: def.meta,
      input: opts.input,
      next(nextOpts?: {
        ctx?: Record<string, unknown>;
        input?: unknown;
        getRawInput?: () => Promise<unknown>;
      }) {
        return runChain(def, index + 1, {
          ...opts,
          ctx: nextOpts?.ctx
            ? { ...opts.ctx as object, ...nextOpts.ctx }
            : opts.ctx,
          input: nextOpts && "input" in nextOpts ? nextOpts.input : opts.input,
          getRawInput: nextOpts?.getRawInput ?? opts.getRawInput,
        });
      },
    });
  } catch (cause) {
    return {
      ok: false,
      error: getTRPCErrorFromUnknown(cause),
      marker: "middlewareMarker",
    } as Result;
  }
}

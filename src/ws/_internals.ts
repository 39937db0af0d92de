/**
 * The adapter's only reads of private internals, in one file: two fast
 * paths that tRPC's and superjson's public APIs do not offer. They are kept
 * only while the benchmark shows they pay (BENCHMARKS.md: serialization
 * and the middleware chain), each is checked against the public path by a
 * differential test (tests/ws_codec_test.ts, tests/ws_call_test.ts), and
 * tests/ws_internals_test.ts fails when deno.json moves `@trpc/server` or
 * superjson off {@linkcode VERIFIED_VERSIONS}: re-verify them then.
 * @module
 */
import type { AnyRouter, TRPCError } from "@trpc/server";
import SuperJSON from "superjson";

/** The package versions these reads were verified on. */
export const VERIFIED_VERSIONS: Readonly<Record<string, string>> = Object
  .freeze({ "@trpc/server": "11.25.2", superjson: "2.2.6" });

/** The superjson instance `transformer` is (its default one for the class), or null. */
export function superjsonOf(transformer: unknown): SuperJSON | null {
  if (transformer === SuperJSON) {
    // private: the class's default instance
    return (SuperJSON as unknown as { defaultInstance: SuperJSON })
      .defaultInstance;
  }
  return transformer instanceof SuperJSON ? transformer : null;
}

/**
 * Whether a superjson instance has no custom transformer registered
 * (private: its `customTransformerRegistry`); unknown layouts say no.
 */
export function hasNoCustomTypes(instance: SuperJSON | null): boolean {
  if (instance === null) return true;
  const registry = (instance as unknown as {
    customTransformerRegistry?: { transfomers?: Record<string, unknown> };
  }).customTransformerRegistry?.transfomers;
  if (registry === undefined) return false;
  for (const _ in registry) return false;
  return true;
}

/** A middleware of a procedure's chain, as tRPC stores it. */
export type Middleware = (opts: unknown) => Promise<
  | { ok: true; data: unknown }
  | { ok: false; error: TRPCError }
  | undefined
>;

/** What the adapter reads of a procedure's private `_def`. */
export interface ProcedureDef {
  type: string;
  meta: unknown;
  middlewares: Middleware[];
}

/**
 * The `_def` of the procedure at `path` when it is in the router's own table
 * (not lazy) with `type` and a middleware list; null otherwise, and the
 * caller takes tRPC's public `callTRPCProcedure`.
 */
export function procedureDef(
  router: AnyRouter,
  path: string,
  type: string,
): ProcedureDef | null {
  const procedures = router._def.procedures as Record<string, unknown>;
  const procedure = Object.hasOwn(procedures, path)
    ? procedures[path] as { _def?: ProcedureDef }
    : undefined;
  const def = procedure?._def;
  if (
    typeof procedure !== "function" || def?.type !== type ||
    !Array.isArray(def.middlewares)
  ) return null;
  return def;
}

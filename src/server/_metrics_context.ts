/**
 * What the server's metrics and the operator's desk read of a context
 * request: which WebSocket protocol made it (`/ws/`: the original one), and
 * a step after a context is made that stays promise-free when it is made at
 * once. Re-exported by `metrics.ts`.
 * @module
 */
import type { AppContext, ContextRequest } from "../api/mod.ts";

/** The protocol of a WebSocket's context request: `/ws/` is the original one. */
export function socketProtocol(
  request: ContextRequest,
): "trpc_ws" | "legacy_ws" {
  return pathOf(request.url ?? request.req.url).startsWith("/ws/")
    ? "legacy_ws"
    : "trpc_ws";
}

/** An absolute URL's path (before any `?` or `#`), without parsing a `URL`. */
function pathOf(href: string): string {
  const start = href.indexOf("/", href.indexOf("//") + 2);
  if (start < 0) return "/";
  const end = href.slice(start).search(/[?#]/);
  return end < 0 ? href.slice(start) : href.slice(start, start + end);
}

/**
 * `then(made)`: at once for a context made at once, else when it is (so a
 * context factory that answers at once stays promise-free for the adapter).
 */
export function afterContext(
  made: AppContext | Promise<AppContext>,
  then: (ctx: AppContext) => AppContext,
): AppContext | Promise<AppContext> {
  return made instanceof Promise ? made.then(then) : then(made);
}

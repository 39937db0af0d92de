/**
 * Drops a Deno WebSocket's connection without its closing handshake, which
 * the web `WebSocket` API cannot do (it has no `terminate()`, unlike the
 * `ws` package): a peer that stops reading never lets the server write its
 * close frame, so without this the socket, its unsent bytes and its
 * address's slot (`WS_MAX_CONNECTIONS_PER_IP`) stay held for as long as the
 * peer keeps the TCP connection open. The only read of Deno's private
 * internals, verified on the Deno version `tests/ws_drop_test.ts` names;
 * on another layout it answers false and the socket stays as it was.
 * @module
 */

/** The Deno version this read was verified on. */
export const DROP_VERIFIED_DENO = "2.9.6";

interface Core {
  tryClose(rid: number): void;
}

function symbolNamed(target: object, description: string): symbol | undefined {
  return Object.getOwnPropertySymbols(target).find((s) =>
    s.description === description
  );
}

let core: Core | null | undefined;

function coreOf(): Core | null {
  if (core !== undefined) return core;
  const key = symbolNamed(Deno, "Deno.internal");
  const found = key === undefined
    ? undefined
    : (Deno as unknown as Record<symbol, { core?: Partial<Core> }>)[key]?.core;
  core = typeof found?.tryClose === "function" ? found as Core : null;
  return core;
}

/**
 * Closes the resource under `ws` (a `WebSocket` from
 * `Deno.upgradeWebSocket`): the TCP connection is dropped, the pending
 * close write ends, and the socket's close event fires (code 1005). Answers
 * whether it could; never throws.
 */
export function dropConnection(ws: object): boolean {
  try {
    const internals = coreOf();
    const key = symbolNamed(ws, "[[rid]]");
    if (internals === null || key === undefined) return false;
    const rid = (ws as Record<symbol, unknown>)[key];
    if (typeof rid !== "number") return false;
    internals.tryClose(rid);
    return true;
  } catch {
    return false;
  }
}

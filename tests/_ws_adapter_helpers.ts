/**
 * What the adapter's tests share (`ws_adapter_test.ts` and the other
 * `ws_adapter_*_test.ts`): the official client on the test router, a raw
 * reply's error decoded, and a raw call frame.
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  type TRPCClient,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";
import type { TestRouter } from "./_test_router.ts";

/** The official client at `url`; `await using` closes its socket. */
export function client(
  url: string,
  options: Partial<Parameters<typeof createWSClient>[0]> = {},
): {
  trpc: TRPCClient<TestRouter>;
  ws: ReturnType<typeof createWSClient>;
  [Symbol.asyncDispose]: () => Promise<void>;
} {
  const ws = createWSClient({ url, retryDelayMs: () => 20, ...options });
  const trpc = createTRPCClient<TestRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  return { trpc, ws, [Symbol.asyncDispose]: () => ws.close() };
}

/** A raw reply's error, decoded as the client would (superjson). */
export function errorOf(
  reply: Record<string, unknown>,
): { message: string; data: { code: string } } {
  return superjson.deserialize(reply.error as never);
}

/** A raw call frame: `id`, `method`, `path` and the superjson `input`. */
export const call = (
  id: number | string,
  method: string,
  path: string,
  input?: unknown,
): {
  id: number | string;
  method: string;
  params: { path: string; input: ReturnType<typeof superjson.serialize> };
} => ({
  id,
  method,
  params: { path, input: superjson.serialize(input) },
});

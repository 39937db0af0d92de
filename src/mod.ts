/**
 * The client entry of Loup-Garou: the contract (schemas and types), the
 * pure scoring of tournaments (`scoring/`: contract, zod and `openskill`
 * only) and the `AppRouter` type. It carries none of the server's runtime
 * code.
 *
 * @example
 * ```ts
 * import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
 * import superjson from "superjson";
 * import type { AppRouter } from "./mod.ts";
 *
 * // A typed client of the server at `url`, e.g. "ws://localhost:8000/trpc".
 * export function connect(url: string) {
 *   const wsClient = createWSClient({ url });
 *   return createTRPCClient<AppRouter>({
 *     links: [wsLink({ client: wsClient, transformer: superjson })],
 *   });
 * }
 * ```
 * @module
 */
export * from "./contract/mod.ts";
export type { AppRouter } from "./api/router.ts";
export * from "./scoring/mod.ts";

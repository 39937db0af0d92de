/**
 * The client entry of Loup-Garou: the contract (schemas and types) and the
 * `AppRouter` type. It carries none of the server's runtime code.
 *
 * @example
 * ```ts
 * import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
 * import superjson from "superjson";
 * import type { AppRouter } from "./src/mod.ts";
 *
 * const wsClient = createWSClient({ url: "ws://localhost:8000/trpc" });
 * const client = createTRPCClient<AppRouter>({
 *   links: [wsLink({ client: wsClient, transformer: superjson })],
 * });
 * ```
 * @module
 */
export * from "./contract/mod.ts";
export type { AppRouter } from "./api/router.ts";

/**
 * A tRPC v11 WebSocket adapter for `Deno.serve`, generic: it imports only
 * tRPC's public entry points, superjson and Deno, never the application
 * (`tests/layout_test.ts` forbids any `../` import here). Its socket core
 * (close codes, keep-alive, the pump with backpressure, the socket set with
 * draining) is exported too, for the original protocol's session.
 * @module
 */
export * from "./close_codes.ts";
export * from "./socket_set.ts";
export * from "./socket_upgrade.ts";
export * from "./ws_adapter.ts";
export type * from "./ws_options.ts";

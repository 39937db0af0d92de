/**
 * The transport: the tRPC WebSocket adapter for `Deno.serve`, the HTTP
 * handler and the server. Only this layer and `main.ts` touch `Deno.*`.
 * @module
 */
export * from "./access_guard.ts";
export * from "./config.ts";
export * from "./front.ts";
export * from "./http.ts";
export * from "./server.ts";
export * from "./socket_set.ts";
export * from "./ws_adapter.ts";
export type * from "./ws_options.ts";
export * from "./log.ts";
export * from "./settings.ts";
export * from "./settings_table.ts";
export * from "./server_config.ts";

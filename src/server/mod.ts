/**
 * The server: the composition root (`startServer`), the HTTP routes, TLS,
 * the access guard, the configuration (one table, `settings.ts`) and the
 * log. It serves tRPC with the adapter of `src/ws/` (re-exported here) and
 * the original protocol of `src/legacy/`. Only this folder, the adapter and
 * `main.ts` touch `Deno.*`.
 * @module
 */
export * from "./access_guard.ts";
export * from "./config.ts";
export * from "./front.ts";
export * from "./http.ts";
export * from "./server.ts";
export * from "../ws/mod.ts";
export * from "./log.ts";
export * from "./metric_table.ts";
export * from "./metrics.ts";
export * from "./settings.ts";
export * from "./settings_table.ts";
export * from "./server_config.ts";
export { LiveClients } from "./_live_clients.ts";

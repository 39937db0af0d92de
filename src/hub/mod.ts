/**
 * The connection hub: who is connected, where each message goes, presence,
 * and delivery through bounded per-subscriber queues. No Deno APIs.
 * @module
 */
export * from "./client_id_taken.ts";
export * from "./close_codes.ts";
export * from "./event_id.ts";
export * from "./hub.ts";
export * from "./route.ts";
export type * from "./types.ts";

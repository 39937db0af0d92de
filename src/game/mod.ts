/**
 * The game service: every game's serial command queue, event log,
 * idempotency keys, deadline timers, seat tokens and event streams.
 * @module
 */
export * from "./action_keys.ts";
export * from "./clock.ts";
export * from "./commit_queue.ts";
export * from "./game_error.ts";
export * from "./game_room.ts";
export * from "./game_service.ts";
export * from "./cluster.ts";
export * from "./service_options.ts";
export * from "./memory_store.ts";
export * from "./seat_tokens.ts";
export * from "./store.ts";
export * from "./stale_log_error.ts";
export * from "./house_bots.ts";
export type { Move, Transcript } from "./_room_reads.ts";
export type { Records, Via, Viewer } from "../engine/mod.ts";
export { cleanSpeech } from "../engine/mod.ts";
export * from "./tournament_store.ts";
export * from "./tournament_service.ts";
export * from "./observer.ts";

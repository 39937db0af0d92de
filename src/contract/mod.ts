/**
 * The contract of Loup-Garou: zod schemas and types for everything that
 * crosses the wire. It imports nothing but zod, so clients can use it.
 * @module
 */
export * from "./client.ts";
export * from "./messages.ts";
export * from "./publish.ts";
export * from "./system.ts";
export * from "./game.ts";
export * from "./locale.ts";
export * from "./roles.ts";
export * from "./settings.ts";
export * from "./game_events.ts";
export * from "./talk_events.ts";
export * from "./records.ts";
export * from "./game_view.ts";
export * from "./lobby.ts";
export * from "./legacy.ts";
export * from "./page.ts";
export * from "./names.ts";
export * from "./tournament.ts";
export * from "./operator.ts";

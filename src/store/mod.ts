/**
 * Durable storage of games: the {@linkcode SqliteGameStore} behind the game
 * service's `GameStore` port, with a versioned schema.
 * @module
 */
export * from "./sqlite_store.ts";
export * from "./tournament_tables.ts";
export { migrate, MIGRATIONS, SCHEMA_VERSION, SchemaError } from "./_schema.ts";

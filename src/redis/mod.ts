/**
 * The game store on Redis: {@linkcode RedisGameStore} behind the game
 * service's `GameStore` port, with one lease and fencing token per game
 * ({@linkcode LeaseLostError} when another instance owns it). Chosen by
 * the server's `REDIS_URL`.
 * @module
 */
export * from "./redis_store.ts";
export * from "./lease_lost_error.ts";
export * from "./redis_cluster.ts";
export * from "./redis_tournaments.ts";

import { z } from "zod";
import { ClientIdSchema, ClientTypeSchema } from "./client.ts";

/** How many clients of each type are connected. */
export const ByTypeSchema = z.object({
  agent: z.number().int().nonnegative(),
  ui: z.number().int().nonnegative(),
  observer: z.number().int().nonnegative(),
});

/** The games of every instance on one Redis, by status. */
export const ClusterGamesSchema = z.object({
  waiting: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  ended: z.number().int().nonnegative(),
});

/**
 * The cluster's part of `GET /health`: the live instances (heartbeat not
 * expired), their clients summed from their heartbeats, and the games of
 * the shared store by status.
 */
export const ClusterHealthSchema = z.object({
  instances: z.number().int().nonnegative(),
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
  games: ClusterGamesSchema,
});

/**
 * `GET /health` and `system.health`: this instance's clients; with several
 * instances on one Redis, `GET /health` adds `cluster`, or `cluster_error`
 * when Redis cannot be read (still 200: this instance is alive).
 */
export const HealthSchema = z.object({
  status: z.literal("ok"),
  uptime_s: z.number().nonnegative(),
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
  cluster: ClusterHealthSchema.optional(),
  cluster_error: z.string().optional(),
});

/** The typed form of {@linkcode HealthSchema}. */
export type Health = z.infer<typeof HealthSchema>;

/** One connected client in `GET /stats`; `connected_at` in epoch seconds. */
export const ClientStatSchema = z.object({
  client_id: ClientIdSchema,
  type: ClientTypeSchema,
  connected_at: z.number().nonnegative(),
});

/** One live instance of a cluster in `GET /stats`: its clients by type. */
export const InstanceStatSchema = z.object({
  instance_id: z.string(),
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
});

/** The typed form of {@linkcode InstanceStatSchema}. */
export type InstanceStat = z.infer<typeof InstanceStatSchema>;

/**
 * `GET /stats` and `system.stats`: the original server's shape (this
 * instance's clients); with several instances on one Redis, `GET /stats`
 * adds `cluster`: every live instance (its heartbeat not expired) and their
 * clients in all.
 */
export const StatsSchema = z.object({
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
  clients: z.array(ClientStatSchema),
  cluster: z.object({
    instances: z.array(InstanceStatSchema),
    total_clients: z.number().int().nonnegative(),
  }).optional(),
});

/** The typed form of {@linkcode StatsSchema}. */
export type Stats = z.infer<typeof StatsSchema>;

/** `system.ping`. */
export const PingResultSchema = z.object({ serverTime: z.date() });

/** The typed form of {@linkcode ClusterGamesSchema}. */
export type ClusterGames = z.infer<typeof ClusterGamesSchema>;

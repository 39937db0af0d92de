import { z } from "zod";
import { ClientIdSchema, ClientTypeSchema } from "./client.ts";

/** How many clients of each type are connected. */
export const ByTypeSchema = z.object({
  agent: z.number().int().nonnegative(),
  ui: z.number().int().nonnegative(),
  observer: z.number().int().nonnegative(),
});

/** `GET /health` and `system.health`. */
export const HealthSchema = z.object({
  status: z.literal("ok"),
  uptime_s: z.number().nonnegative(),
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
});

/** The typed form of {@linkcode HealthSchema}. */
export type Health = z.infer<typeof HealthSchema>;

/** One connected client in `GET /stats`; `connected_at` in epoch seconds. */
export const ClientStatSchema = z.object({
  client_id: ClientIdSchema,
  type: ClientTypeSchema,
  connected_at: z.number().nonnegative(),
});

/** `GET /stats` and `system.stats`: the original server's shape. */
export const StatsSchema = z.object({
  total_clients: z.number().int().nonnegative(),
  by_type: ByTypeSchema,
  clients: z.array(ClientStatSchema),
});

/** The typed form of {@linkcode StatsSchema}. */
export type Stats = z.infer<typeof StatsSchema>;

/** `system.ping`. */
export const PingResultSchema = z.object({ serverTime: z.date() });

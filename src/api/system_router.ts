import {
  HealthSchema,
  PingResultSchema,
  StatsSchema,
} from "../contract/mod.ts";
import { whoami } from "./page_procedures.ts";
import { publicProcedure, router } from "./trpc.ts";

/** `system.*`: liveness and the connection statistics. */
export const systemRouter = router({
  /** The server's clock, as a `Date` (superjson keeps it one). */
  ping: publicProcedure
    .output(PingResultSchema)
    .query(({ ctx }) => ({ serverTime: new Date(ctx.hub.timestamp() * 1000) })),
  /** The same report as `GET /health`. */
  health: publicProcedure
    .output(HealthSchema)
    .query(({ ctx }) => ctx.hub.health()),
  /** The same report as `GET /stats`. */
  stats: publicProcedure
    .output(StatsSchema)
    .query(({ ctx }) => ctx.hub.stats()),
  /** Who the server takes the caller for: its id, type and rights. */
  whoami,
});

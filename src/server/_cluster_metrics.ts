/**
 * The cluster's gauges (`loupgarou_cluster_*`), read from Redis when
 * scraped: one census per scrape, shared by the three gauges.
 * @module
 */
import type { Counter, Gauge } from "prom-client";
import type { Census } from "./_cluster_reports.ts";

type Read = (metric: Gauge & Counter) => Promise<void>;

/**
 * The collectors of `clusterInstances`, `clusterClients` and
 * `clusterGames` by their METRICS keys. Without a census (one instance
 * alone), or while Redis cannot be read, the gauges are reset: no series,
 * and 0 instances.
 */
export function clusterCollectors(
  census: () => Census | undefined,
): Record<"clusterInstances" | "clusterClients" | "clusterGames", Read> {
  let pending: ReturnType<Census> | null = null;
  const read = (): ReturnType<Census> | null => {
    const source = census();
    if (source === undefined) return null;
    if (pending === null) {
      pending = source();
      const clear = () => pending = null;
      pending.then(clear, clear);
    }
    return pending;
  };
  const gauge = (
    fill: (g: Gauge, seen: Awaited<ReturnType<Census>>) => void,
  ): Read =>
  async (metric) => {
    metric.reset();
    const seen = await read()?.catch(() => null);
    if (seen !== null && seen !== undefined) fill(metric, seen);
  };
  return {
    clusterInstances: gauge((g, seen) => g.set(seen.instances.length)),
    clusterClients: gauge((g, seen) => {
      for (const i of seen.instances) {
        g.set({ instance: i.instance_id }, i.total_clients);
      }
    }),
    clusterGames: gauge((g, seen) => {
      for (const [status, count] of Object.entries(seen.games)) {
        g.set({ status }, count);
      }
    }),
  };
}

/**
 * `GET /stats` and `GET /health` of an instance of a cluster: this
 * instance's report with the cluster's, read from Redis (the heartbeats
 * and the games' indexes).
 * @module
 */
import type {
  ClusterGames,
  Health,
  InstanceStat,
  Stats,
} from "../contract/mod.ts";
import { jsonResponse } from "../ws/_wire.ts";

/** Reads the cluster's live instances and games by status. */
export type Census = () => Promise<{
  instances: InstanceStat[];
  games: ClusterGames;
}>;

/**
 * `GET /stats`: this instance's report and `cluster`, every live
 * instance's clients (503 naming Redis when the instances cannot be read).
 */
export async function clusterStats(
  stats: Stats,
  instances: () => Promise<InstanceStat[]>,
): Promise<Response> {
  try {
    const live = await instances();
    const total = live.reduce((sum, i) => sum + i.total_clients, 0);
    return jsonResponse(200, {
      ...stats,
      cluster: { instances: live, total_clients: total },
    });
  } catch (error) {
    return jsonResponse(503, {
      error: `The cluster's instances could not be read from Redis: ${
        reasonOf(error)
      }`,
    });
  }
}

/**
 * `GET /health`: this instance's report and `cluster` (the live
 * instances, their clients summed from their heartbeats, the games by
 * status); when Redis cannot be read, 200 with `cluster_error` instead:
 * this instance is alive.
 */
export async function clusterHealth(
  health: Health,
  census: Census,
): Promise<Response> {
  try {
    const { instances, games } = await census();
    const by_type = { agent: 0, ui: 0, observer: 0 };
    for (const instance of instances) {
      for (const type of ["agent", "ui", "observer"] as const) {
        by_type[type] += instance.by_type[type];
      }
    }
    return jsonResponse(200, {
      ...health,
      cluster: {
        instances: instances.length,
        total_clients: instances.reduce((n, i) => n + i.total_clients, 0),
        by_type,
        games,
      },
    });
  } catch (error) {
    return jsonResponse(200, {
      ...health,
      cluster_error: `The cluster's counts could not be read from Redis: ${
        reasonOf(error)
      }`,
    });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

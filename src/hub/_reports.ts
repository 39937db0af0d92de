import type { ClientType, Health, Stats } from "../contract/mod.ts";
import type { Connection } from "./types.ts";

/** The original `/stats` report of the `connections`. */
export function statsOf(
  connections: Iterable<Connection>,
  byType: Record<ClientType, number>,
): Stats {
  const clients = [];
  for (const { identity } of connections) {
    clients.push({
      client_id: identity.client_id,
      type: identity.client_type,
      connected_at: identity.connected_at.getTime() / 1000,
    });
  }
  return {
    total_clients: clients.length,
    by_type: { ...byType },
    clients,
  };
}

/** The `/health` report: `uptimeMs` since the start, `total` clients. */
export function healthOf(
  uptimeMs: number,
  counts: { total: number; byType: Record<ClientType, number> },
): Health {
  return {
    status: "ok",
    uptime_s: Math.max(0, uptimeMs / 1000),
    total_clients: counts.total,
    by_type: { ...counts.byType },
  };
}

/** The client ids that were connected, the last `capacity` of them. */
export class SessionMemory {
  #ids = new Set<string>();
  #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Whether `clientId` was connected before (and is still remembered). */
  has(clientId: string): boolean {
    return this.#ids.has(clientId);
  }

  /** Remembers `clientId` as the newest, forgetting the oldest past the capacity. */
  remember(clientId: string): void {
    this.#ids.delete(clientId);
    this.#ids.add(clientId);
    if (this.#ids.size > this.#capacity) {
      this.#ids.delete(this.#ids.values().next().value as string);
    }
  }
}

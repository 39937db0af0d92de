import type { Overview } from "../contract/mod.ts";

/**
 * What the server tells the operator's procedures (`admin.*`): its live
 * connections, calls and games, read from the same counters as
 * `GET /metrics`. The server implements it; the API only reads it.
 */
export interface OperatorDesk {
  /** The numbers and the connected clients, now. */
  overview(): Promise<Overview>;
  /**
   * Closes every connection of `clientId`: its WebSockets (tRPC or the
   * original protocol) with the operator close code and `reason` (already
   * cleaned), its SSE streams with the subscription's error; answers how
   * many it closed (0: none connected).
   */
  closeClient(clientId: string, reason: string): number;
}

import type { MessageOf } from "../contract/mod.ts";
import type { Connection } from "./types.ts";

/** The original `connection` message announcing `connection` to the others. */
export function connectionMessage(
  connection: Connection,
  timestamp: number,
): MessageOf<"connection"> {
  const { identity } = connection;
  return {
    message_type: "connection",
    client_id: identity.client_id,
    timestamp,
    data: {
      client_type: identity.client_type,
      connected_at: identity.connected_at.getTime() / 1000,
      reconnected: connection.reconnected,
    },
  };
}

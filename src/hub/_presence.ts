import type { MessageOf } from "../contract/mod.ts";
import type { Connection } from "./types.ts";

/** A `connection` or `disconnection` message. */
export type PresenceMessage =
  | MessageOf<"connection">
  | MessageOf<"disconnection">;

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

/** The original `disconnection` message: `connection` left, and why. */
export function disconnectionMessage(
  connection: Connection,
  opts: { timestamp: number; reason: string },
): MessageOf<"disconnection"> {
  const { client_id, client_type } = connection.identity;
  return {
    message_type: "disconnection",
    client_id,
    timestamp: opts.timestamp,
    data: { client_type, reason: opts.reason },
  };
}

/** One presence message per client that changed, or one diff listing them all. */
export function presenceDiff(
  changes: readonly PresenceMessage[],
  opts: { serverId: string; timestamp: number },
): MessageOf<"presence_diff"> {
  const joins: MessageOf<"connection">[] = [];
  const leaves: MessageOf<"disconnection">[] = [];
  for (const change of changes) {
    if (change.message_type === "connection") joins.push(change);
    else leaves.push(change);
  }
  return {
    message_type: "presence_diff",
    client_id: opts.serverId,
    timestamp: opts.timestamp,
    data: { joins, leaves },
  };
}

/**
 * The presence changes not yet announced, net of each other: per client id
 * only its latest message, and nothing for a client that connected and left
 * again before the changes were taken (as Phoenix Presence coalesces). After
 * every {@linkcode take}, the clients announced present are exactly those
 * connected, so a change only needs to know whether its client was connected
 * just before it.
 */
export class PresenceChanges {
  #pending = new Map<string, { before: boolean; message: PresenceMessage }>();

  /** How many clients have a change pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** Notes `message`; `before`: whether its client was connected just before. */
  note(message: PresenceMessage, before: boolean): void {
    const id = message.client_id;
    const held = this.#pending.get(id);
    const was = held?.before ?? before;
    this.#pending.delete(id); // keeps the map in the order of the latest changes
    if (!was && message.message_type === "disconnection") return;
    this.#pending.set(id, { before: was, message });
  }

  /** The net changes since the last take, in order; forgets them. */
  take(): PresenceMessage[] {
    const changes = [...this.#pending.values()].map((p) => p.message);
    this.#pending.clear();
    return changes;
  }
}

/**
 * The Redis client of the store: offline queue off, reconnecting by itself
 * once connected; and the URL as logs may show it.
 * @module
 */
import { createClient } from "redis";

/** `url` with its password (if any) replaced by `***`, for logs and errors. */
export function hidePassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

/**
 * A client that fails a command at once while Redis is away and reconnects
 * by itself, once it has been connected: a first connection that fails
 * rejects `connect()` instead of retrying forever.
 */
export function clientOf(url: string) {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true, // while Redis is away, writes fail at once
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (attempt: number, cause: Error) =>
        connected ? Math.min(attempt * 100, 2000) : cause,
    },
  });
  client.on("ready", () => connected = true);
  return client;
}

import type { ClientIdentity, HubMessage, MessageOf } from "../contract/mod.ts";
import type { Route } from "./route.ts";

/** What the hub needs of a transport's connection: a way to close it. */
export interface ConnectionHandle {
  /** Closes the connection with a WebSocket close code and a reason. */
  close(code: number, reason: string): void;
}

/** A client connected to the hub. */
export interface Connection {
  /** Who it is. */
  readonly identity: ClientIdentity;
  /** Whether this client id was connected before (session tracking). */
  readonly reconnected: boolean;
  /** The transport's handle. */
  readonly handle: ConnectionHandle;
  /**
   * The credential the client proved (e.g. `seat:g-1/p3`), or undefined for
   * an anonymous client: only the same credential may take its id over.
   */
  readonly owner?: string | undefined;
}

/**
 * A message delivered to a subscriber. `id` is what to resume after; the
 * welcome and notices carry the position the subscription started from.
 */
export interface HubDelivery {
  /** The event id to pass back as `lastEventId` to resume after this. */
  readonly id: string;
  /** The message. */
  readonly message: HubMessage;
}

/** What routing one message did. */
export interface RouteReceipt {
  /** The message's event id. */
  readonly eventId: string;
  /** How many connections had a subscription that received it. */
  readonly delivered: number;
}

/** Options of {@linkcode Hub}. */
export interface HubOptions {
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * How many routed messages are kept for `lastEventId` resumes, and,
   * apart from them, how many presence changes.
   */
  historySize?: number;
  /**
   * Presence is announced at most once per this many ms: the changes of a
   * window go out together, net of each other (`HUB_PRESENCE_MS`). Default
   * 0: each change at once.
   */
  presenceWindowMs?: number;
  /**
   * Calls `fn` at `at` (epoch ms of `now`) or soon after; returns a cancel
   * function. Default: `setTimeout`.
   */
  setTimer?: (at: number, fn: () => void) => () => void;
  /** How many undelivered messages a subscription may hold before its connection is closed. */
  maxQueuedMessages?: number;
  /** Tells this hub's event ids from another run's. Default: random. */
  bootId?: string;
  /**
   * Told of every message routed here, except those routed with `remote`
   * (another instance's, already shared): the cluster shares them.
   */
  onRouted?: ((message: HubMessage, route: Route) => void) | undefined;
  /**
   * Told of each presence change of this hub's own clients (not those
   * given to `notePresence`): the cluster shares them.
   */
  onPresence?:
    | ((change: MessageOf<"connection"> | MessageOf<"disconnection">) => void)
    | undefined;
}

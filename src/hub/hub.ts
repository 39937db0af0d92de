import {
  type ClientType,
  type Health,
  type HubMessage,
  SERVER_CLIENT_ID,
  type Stats,
} from "../contract/mod.ts";
import { History, type HubEntry } from "./_history.ts";
import { Mailbox } from "../kit/mod.ts";
import { type Route, TO_EVERYONE } from "./route.ts";
import { formatEventId } from "./event_id.ts";
import { resumeAfter, streamOf } from "./_resume.ts";
import type {
  Connection,
  ConnectionHandle,
  HubDelivery,
  HubOptions,
  RouteReceipt,
} from "./types.ts";
import { ClientIdTaken } from "./client_id_taken.ts";
import {
  connectionMessage,
  disconnectionMessage,
  type PresenceMessage,
} from "./_presence.ts";
import { PresenceFeed, takesPresence, timersOn } from "./_presence_feed.ts";
import { healthOf, SessionMemory, statsOf } from "./_reports.ts";
import { CLOSE_REPLACED, CLOSE_SLOW_CONSUMER } from "./close_codes.ts";
import { addressed, type ConnectionRecord, deliverTo } from "./_deliver.ts";

/**
 * The connection hub of the original server, typed: a registry of clients
 * by id and type, selective routing, presence, per-subscriber bounded
 * queues and a history for resumes. It has no I/O of its own.
 *
 * Presence goes only to the subscriptions that take it, coalesced per
 * window (see {@linkcode PresenceFeed}), and is kept apart from the routed
 * messages' history, so that clients coming and going never evict the
 * messages a resume needs.
 */
export class Hub {
  #connections = new Map<string, ConnectionRecord>();
  /** The records with a subscription: all `route` looks at (see `addressed`). */
  #listening = new Set<ConnectionRecord>();
  #byType: Record<ClientType, number> = { agent: 0, ui: 0, observer: 0 };
  #seen = new SessionMemory(10_000);
  #seq = 0;
  #history: History;
  #presence: PresenceFeed<ConnectionRecord>;
  #now: () => number;
  #maxQueued: number;
  #bootId: string;
  #startedAt: number;
  #onRouted: HubOptions["onRouted"];
  #onPresence: HubOptions["onPresence"];

  constructor(options: HubOptions = {}) {
    const now = this.#now = options.now ?? Date.now;
    this.#onRouted = options.onRouted;
    this.#onPresence = options.onPresence;
    this.#history = new History(options.historySize ?? 10_000);
    this.#maxQueued = options.maxQueuedMessages ?? 4096;
    this.#bootId = options.bootId ?? crypto.randomUUID().slice(0, 8);
    this.#presence = new PresenceFeed({
      windowMs: options.presenceWindowMs ?? 0,
      now,
      setTimer: options.setTimer ?? timersOn(now),
      historySize: options.historySize ?? 10_000,
      serverId: SERVER_CLIENT_ID,
      nextSeq: () => ++this.#seq,
      onOverflow: (record) => this.#overflow(record),
    });
    this.#startedAt = this.#now();
  }

  /** The current time in epoch seconds, as message timestamps use it. */
  timestamp(): number {
    return this.#now() / 1000;
  }

  /** {@linkcode SERVER_CLIENT_ID}: signs the server's messages, no client's. */
  get serverClientId(): string {
    return SERVER_CLIENT_ID;
  }

  /** How many clients are connected. */
  get size(): number {
    return this.#connections.size;
  }

  /** The connected client with this id, if any. */
  get(clientId: string): Connection | undefined {
    return this.#connections.get(clientId)?.connection;
  }

  /**
   * Registers a client. Without an id one is generated. A client id that is
   * already connected is taken over (the old connection is closed with a
   * reason that says so), unless the old one proved an `owner` credential
   * the newcomer does not share and it may not `force`: then it throws
   * {@linkcode ClientIdTaken}. Others are told with a `connection` message.
   */
  connect(
    who: { client_id?: string | undefined; client_type: ClientType },
    handle: ConnectionHandle,
    options: { owner?: string | undefined; force?: boolean } = {},
  ): Connection {
    const clientId = who.client_id ??
      `${who.client_type}-${crypto.randomUUID()}`;
    const previous = this.#connections.get(clientId);
    const held = previous?.connection.owner;
    if (held !== undefined && held !== options.owner && !options.force) {
      throw new ClientIdTaken(clientId);
    }
    const connection: Connection = {
      owner: options.owner,
      identity: {
        client_id: clientId,
        client_type: who.client_type,
        connected_at: new Date(this.#now()),
      },
      reconnected: previous !== undefined || this.#seen.has(clientId),
      handle,
    };
    if (previous !== undefined) this.#drop(previous);
    this.#connections.set(clientId, { connection, mailboxes: new Set() });
    this.#byType[who.client_type]++;
    if (previous !== undefined) {
      previous.connection.handle.close(
        CLOSE_REPLACED,
        `replaced: a newer connection took over client_id ${clientId}`,
      );
    }
    this.#note(
      connectionMessage(connection, this.timestamp()),
      previous !== undefined,
    );
    return connection;
  }

  /**
   * Unregisters a connection and tells the others with a `disconnection`
   * message. A connection that was already replaced changes nothing.
   */
  disconnect(connection: Connection, reason: string): boolean {
    const { client_id } = connection.identity;
    const record = this.#connections.get(client_id);
    if (record === undefined || record.connection !== connection) return false;
    this.#drop(record);
    this.#seen.remember(client_id);
    this.#note(
      disconnectionMessage(connection, { timestamp: this.timestamp(), reason }),
      true,
    );
    return true;
  }

  /** Announces another instance's presence change (`before`: was connected). */
  notePresence(change: PresenceMessage, before: boolean): void {
    this.#presence.note(change, before);
  }

  /** Announces a change of this hub's client, and tells `onPresence`. */
  #note(change: PresenceMessage, before: boolean): void {
    this.notePresence(change, before);
    this.#onPresence?.(change);
  }

  /** Stops announcing presence (its pending window with it): on shutdown. */
  close(): void {
    this.#presence.close();
  }

  /**
   * Records a message and queues it for every subscription it addresses
   * here; `remote`: another instance routed it (not shared again). The
   * receipt counts this instance's deliveries.
   */
  route(
    message: HubMessage,
    route: Route = TO_EVERYONE,
    options: { remote?: boolean } = {},
  ): RouteReceipt {
    const entry = this.#history.append({
      seq: ++this.#seq,
      route,
      message: message,
    });
    const to = addressed(route, this.#listening, this.#connections);
    const { delivered, overflowed } = deliverTo(to, entry);
    for (const record of overflowed) this.#overflow(record);
    if (options.remote !== true) this.#onRouted?.(message, route);
    return { eventId: formatEventId(this.#bootId, entry.seq), delivered };
  }

  /**
   * Subscribes a connection to the messages addressed to it: first a
   * `connection` welcome, then, with `lastEventId`, what it missed since
   * (kept in the history), then live messages. Registered at once, so
   * nothing routed after this call is missed. `presence` (default: for the
   * types of `PRESENCE_BY_DEFAULT`) adds the other clients' presence.
   */
  subscribe(
    connection: Connection,
    options: {
      lastEventId?: string | null | undefined;
      signal?: AbortSignal | undefined;
      presence?: boolean | undefined;
    } = {},
  ): AsyncGenerator<HubDelivery, void, undefined> {
    const record = this.#connections.get(connection.identity.client_id);
    const presence = options.presence ??
      takesPresence(connection.identity.client_type);
    const mailbox = new Mailbox<HubEntry>(this.#maxQueued);
    if (record === undefined || record.connection !== connection) {
      mailbox.close();
    } else {
      record.mailboxes.add(mailbox);
      this.#listening.add(record);
      const clientId = connection.identity.client_id;
      if (presence) this.#presence.add(mailbox, { clientId, owner: record });
    }
    const { cursor, backlog } = resumeAfter({
      history: this.#history,
      presence: presence ? this.#presence.log : null,
      last: this.#seq,
    }, {
      bootId: this.#bootId,
      who: connection.identity,
      lastEventId: options.lastEventId,
      notice: { client_id: SERVER_CLIENT_ID, timestamp: this.timestamp() },
    });
    const release = mailbox.stopOn(options.signal, () => {
      record?.mailboxes.delete(mailbox);
      if (record?.mailboxes.size === 0) this.#listening.delete(record);
      this.#presence.delete(mailbox);
    });
    const welcome = {
      id: cursor,
      message: connectionMessage(connection, this.timestamp()),
    };
    return streamOf(mailbox, {
      bootId: this.#bootId,
      welcome,
      backlog,
      release,
    });
  }

  /** Messages kept in the history for resumes (at most `historySize`). */
  get historySize(): number {
    return this.#history.size;
  }

  /** The original `/stats` report. */
  stats(): Stats {
    const records = [...this.#connections.values()];
    return statsOf(records.map((r) => r.connection), this.#byType);
  }

  /** The `/health` report. */
  health(): Health {
    return healthOf(this.#now() - this.#startedAt, {
      total: this.size,
      byType: this.#byType,
    });
  }

  #forget(record: ConnectionRecord): void {
    for (const mailbox of record.mailboxes) this.#presence.delete(mailbox);
    record.mailboxes.clear();
    this.#listening.delete(record);
  }

  #drop(record: ConnectionRecord): void {
    const { identity } = record.connection;
    this.#connections.delete(identity.client_id);
    this.#byType[identity.client_type]--;
    for (const mailbox of record.mailboxes) mailbox.close();
    this.#forget(record);
  }

  #overflow(record: ConnectionRecord): void {
    for (const mailbox of record.mailboxes) mailbox.abort();
    this.#forget(record);
    record.connection.handle.close(
      CLOSE_SLOW_CONSUMER,
      `slow consumer: more than ${this.#maxQueued} undelivered messages; reconnect and resume with lastEventId`,
    );
  }
}

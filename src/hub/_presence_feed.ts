import { type ClientType, PRESENCE_BY_DEFAULT } from "../contract/mod.ts";
import { History, type HubEntry } from "./_history.ts";
import {
  PresenceChanges,
  presenceDiff,
  type PresenceMessage,
} from "./_presence.ts";
import type { Mailbox } from "../kit/mod.ts";
import { type Route, TO_EVERYONE } from "./route.ts";

/** Options of {@linkcode PresenceFeed}. */
export interface PresenceFeedOptions<T> {
  /** At most one announcement per this many ms; 0: each change at once. */
  windowMs: number;
  /** The clock, epoch ms. */
  now: () => number;
  /** Calls `fn` at `at` (epoch ms); returns a cancel function. */
  setTimer: (at: number, fn: () => void) => () => void;
  /** How many presence changes the log keeps for resumes. */
  historySize: number;
  /** The `client_id` a `presence_diff` is signed with. */
  serverId: string;
  /** The hub's next sequence number (shared with the routed messages). */
  nextSeq: () => number;
  /** A subscriber's queue was full: its owner is to be closed. */
  onOverflow: (owner: T) => void;
  /**
   * Announce nothing (and take no sequence number) until the first
   * subscriber: the changes before it are dropped (the window each opened
   * is kept, so the announcements after it fall as they would have).
   * Default false.
   */
  lazy?: boolean;
}

/**
 * Presence, for the subscriptions that take it. The first change after a
 * quiet window goes out at once; the changes that follow within `windowMs`
 * of an announcement wait for the window's end and go out together, net of
 * each other: one change as its original message, several as one
 * `presence_diff` (frozen, so serialized once for all). So each subscriber
 * gets at most one announcement per window however many clients come and
 * go, and a client that connects and leaves within one window is never
 * announced. A change is not sent to the client it is about (a diff goes to
 * all, and may list the subscriber itself). Announcements are kept in their
 * own log, apart from the routed messages, for resumes.
 */
export class PresenceFeed<T> {
  /** The announcements, for resumes. */
  readonly log: History;
  #changes = new PresenceChanges();
  #subscribers = new Map<Mailbox<HubEntry>, { clientId: string; owner: T }>();
  #opts: PresenceFeedOptions<T>;
  #lastAt = Number.NEGATIVE_INFINITY;
  #cancel: (() => void) | null = null;
  #closed = false;
  #idle: boolean;

  constructor(options: PresenceFeedOptions<T>) {
    this.#opts = options;
    this.#idle = options.lazy === true;
    this.log = new History(options.historySize);
  }

  /** Sends presence to `mailbox` from now on (it belongs to `clientId`). */
  add(mailbox: Mailbox<HubEntry>, who: { clientId: string; owner: T }): void {
    this.#subscribers.set(mailbox, who);
    this.#idle = false;
  }

  /** Sends no more presence to `mailbox`. */
  delete(mailbox: Mailbox<HubEntry>): void {
    this.#subscribers.delete(mailbox);
  }

  /** Notes a change; `before`: whether its client was connected just before it. */
  note(message: PresenceMessage, before: boolean): void {
    if (this.#closed) return;
    const due = this.#lastAt + this.#opts.windowMs;
    const open = this.#opts.windowMs <= 0 || this.#opts.now() >= due;
    if (this.#idle) { // the window this change opened, if any, and no more
      if (open) this.#lastAt = this.#opts.now();
      return;
    }
    this.#changes.note(message, before);
    if (this.#cancel !== null) return;
    if (open) this.#flush();
    else {
      this.#cancel = this.#opts.setTimer(due, () => {
        this.#cancel = null;
        this.#flush();
      });
    }
  }

  /** Announces nothing more and cancels the pending window. */
  close(): void {
    this.#closed = true;
    this.#cancel?.();
    this.#cancel = null;
  }

  #flush(): void {
    if (this.#closed) return;
    this.#lastAt = this.#opts.now();
    const changes = this.#changes.take();
    if (changes.length > 0) this.#announce(changes);
  }

  #announce(changes: PresenceMessage[]): void {
    const [only] = changes;
    const single = changes.length === 1 ? only : undefined;
    const message = single ?? presenceDiff(changes, {
      serverId: this.#opts.serverId,
      timestamp: this.#opts.now() / 1000,
    });
    const route: Route = single === undefined
      ? TO_EVERYONE
      : { exclude_client: single.client_id };
    const entry = this.log.append({
      seq: this.#opts.nextSeq(),
      route,
      message: message,
    }, changes.length);
    const overflowed: T[] = [];
    for (const [mailbox, { clientId, owner }] of this.#subscribers) {
      if (clientId === route.exclude_client) continue;
      if (!mailbox.push(entry)) overflowed.push(owner);
    }
    for (const owner of overflowed) this.#opts.onOverflow(owner);
  }
}

/** `setTimeout` as a `setTimer` on the clock `now` (epoch ms). */
export function timersOn(
  now: () => number,
): (at: number, fn: () => void) => () => void {
  return (at, fn) => {
    const timer = setTimeout(fn, Math.max(0, at - now()));
    return () => clearTimeout(timer);
  };
}

/** Whether a client of `clientType` takes presence unless it says otherwise. */
export function takesPresence(clientType: ClientType): boolean {
  return PRESENCE_BY_DEFAULT.includes(clientType);
}

import {
  ANNOUNCED_BY_DEFAULT,
  type ClientType,
  type MessageOf,
} from "../contract/mod.ts";
import type { PresenceMessage } from "./_presence.ts";
import type { HubEntry } from "./_history.ts";
import type { Mailbox } from "../kit/mod.ts";
import { PresenceFeed, type PresenceFeedOptions } from "./_presence_feed.ts";

/**
 * The hub's two presence feeds: every client's (the original hub's, which
 * the `/ws` protocol takes), and that of the announced types only
 * ({@linkcode ANNOUNCED_BY_DEFAULT}, `hub.events`' default), each with its
 * own window and log.
 */
export class PresenceFeeds<T> {
  #all: PresenceFeed<T>;
  #announced: PresenceFeed<T>;
  #participants = new Participants();

  constructor(options: PresenceFeedOptions<T>) {
    this.#all = new PresenceFeed(options);
    // lazy: a hub whose subscribers all take every client's presence
    // (the /ws protocol's) numbers its events as the original hub did
    this.#announced = new PresenceFeed({ ...options, lazy: true });
  }

  /** The feed of every client (`observers`), or of the announced types. */
  of(observers: boolean): PresenceFeed<T> {
    return observers ? this.#all : this.#announced;
  }

  /** Notes a change; `before`: whether its client was connected just before it. */
  note(change: PresenceMessage, before: boolean): void {
    this.#all.note(change, before);
    const announced = this.#participants.filter(change);
    if (announced !== null) {
      this.#announced.note(announced.change, announced.before);
    }
  }

  /** Sends no more presence to `mailbox`, from either feed. */
  delete(mailbox: Mailbox<HubEntry>): void {
    this.#all.delete(mailbox);
    this.#announced.delete(mailbox);
  }

  /** Announces nothing more and cancels the pending windows. */
  close(): void {
    this.#all.close();
    this.#announced.close();
  }
}

/**
 * The presence changes of the announced client types only
 * ({@linkcode ANNOUNCED_BY_DEFAULT}: agents and ui clients, not observers,
 * the anonymous viewers, who may be thousands), for the feed that
 * `hub.events` takes by default. It remembers which clients it announced
 * present, so that `before` is true only for them and a client id that
 * passes from an announced type to an observer (a newer connection took it
 * over) is announced as leaving.
 */
export class Participants {
  #present = new Map<string, ClientType>();

  /** Whether changes about `clientType` are announced. */
  static announces(clientType: ClientType): boolean {
    return ANNOUNCED_BY_DEFAULT.includes(clientType);
  }

  /**
   * The change to announce for `change` and whether its client was
   * announced present just before it, or null when there is none.
   */
  filter(
    change: PresenceMessage,
  ): { change: PresenceMessage; before: boolean } | null {
    const id = change.client_id;
    const was = this.#present.get(id);
    const { client_type } = change.data;
    if (Participants.announces(client_type)) {
      if (change.message_type === "connection") {
        this.#present.set(id, client_type);
      } else this.#present.delete(id);
      return { change, before: was !== undefined };
    }
    if (was === undefined) return null;
    this.#present.delete(id);
    return { change: replaced(change, was), before: true };
  }
}

/** The `disconnection` of `change`'s client as it was announced (`type`). */
function replaced(
  change: PresenceMessage,
  type: ClientType,
): MessageOf<"disconnection"> {
  return {
    message_type: "disconnection",
    client_id: change.client_id,
    timestamp: change.timestamp,
    data: {
      client_type: type,
      reason: change.message_type === "disconnection"
        ? change.data.reason
        : "replaced: a newer connection took over this client_id",
    },
  };
}

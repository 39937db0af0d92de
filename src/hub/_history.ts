import type { HubMessage } from "../contract/mod.ts";
import { deepFreeze } from "./freeze.ts";
import type { Route } from "./route.ts";

/** A message the hub routed, with its place in the hub's sequence. */
export interface HubEntry {
  /** The hub-wide sequence number, from 1. */
  readonly seq: number;
  /** Where the message went. */
  readonly route: Route;
  /** The message itself. */
  readonly message: HubMessage;
}

/** The last `capacity` entries, found by sequence number. */
export class History {
  #ring: (HubEntry | undefined)[];
  #capacity: number;
  #last = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
    this.#ring = new Array(this.#capacity);
  }

  /** The sequence number of the newest entry (0 before any). */
  get last(): number {
    return this.#last;
  }

  /** The sequence number of the oldest entry still kept. */
  get first(): number {
    return Math.max(1, this.#last - this.#capacity + 1);
  }

  /** Adds the next entry; returns it. */
  append(route: Route, message: HubMessage): HubEntry {
    const entry = { seq: ++this.#last, route, message: deepFreeze(message) };
    this.#ring[entry.seq % this.#capacity] = entry;
    return entry;
  }

  /** The entries after `seq`, oldest first (only those still kept). */
  *after(seq: number): Generator<HubEntry> {
    for (let s = Math.max(seq + 1, this.first); s <= this.#last; s++) {
      const entry = this.#ring[s % this.#capacity];
      if (entry !== undefined && entry.seq === s) yield entry;
    }
  }
}

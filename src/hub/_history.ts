import type { HubMessage } from "../contract/mod.ts";
import { deepFreeze } from "../kit/mod.ts";
import type { Route } from "./route.ts";

/** A message the hub routed, with its place in the hub's sequence. */
export interface HubEntry {
  /** The hub-wide sequence number, from 1. */
  readonly seq: number;
  /** Where the message went. */
  readonly route: Route;
  /** The message itself (frozen). */
  readonly message: HubMessage;
}

/**
 * The newest entries of one kind, oldest first, found by sequence number.
 * The hub numbers its entries (one sequence for the messages it routes and
 * for presence, which it keeps in two histories, so that neither evicts the
 * other's); the numbers a history holds grow but need not be contiguous.
 * It keeps entries while their total weight (1 each unless told, e.g. the
 * changes a presence diff lists) is at most `capacity`, and always the
 * newest one.
 */
export class History {
  #entries: { entry: HubEntry; weight: number }[] = [];
  #head = 0;
  #weight = 0;
  #capacity: number;
  #lostUpTo = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** The most weight kept. */
  get capacity(): number {
    return this.#capacity;
  }

  /** The sequence number of the newest entry dropped to make room (0: none). */
  get lostUpTo(): number {
    return this.#lostUpTo;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#entries.length - this.#head;
  }

  /**
   * Adds `entry`, newer than every entry kept (its message frozen), and
   * drops the oldest past the capacity.
   */
  append(entry: HubEntry, weight = 1): HubEntry {
    deepFreeze(entry.message);
    this.#entries.push({ entry, weight });
    this.#weight += weight;
    while (this.#weight > this.#capacity && this.size > 1) {
      const oldest = this.#entries[this.#head]!;
      this.#entries[this.#head] = undefined as never;
      this.#head++;
      this.#weight -= oldest.weight;
      this.#lostUpTo = oldest.entry.seq;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    return entry;
  }

  /** The entries kept after `seq`, oldest first. */
  *after(seq: number): Generator<HubEntry> {
    let low = this.#head;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#entries[mid]!.entry.seq <= seq) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.#entries.length; i++) {
      yield this.#entries[i]!.entry;
    }
  }
}

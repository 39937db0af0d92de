import type { GameEvent } from "../contract/mod.ts";
import type { Viewer } from "../engine/mod.ts";
import type { Mailbox } from "../kit/mod.ts";
import { keyOf, type Numbering } from "./_numbering.ts";
import { type Delivery, deliveryOf, type Live } from "./_stream.ts";

/** The subscribers that share one view (same key: same events, same seqs). */
type Group = { viewer: Viewer; mailboxes: Set<Mailbox<Delivery>> };

/**
 * A room's live subscribers, grouped by view (the public, each seat, the god
 * view). Each live event is redacted and numbered once per group that has a
 * subscriber, and every subscriber of the group is given the same frozen
 * delivery (a group of one, its own unfrozen one: nothing to share): the
 * cost of an event is O(views) redactions plus O(subscribers) queue
 * pushes, and the transport serializes each view once.
 */
export class Audiences {
  #groups = new Map<string, Group>();
  #numbering: Numbering;

  /** `numbering`: the room's, extended here with every live event. */
  constructor(numbering: Numbering) {
    this.#numbering = numbering;
  }

  /**
   * Adds `mailbox` to `viewer`'s group (its numbering is computed now, so
   * the next live event extends it); the returned function removes it.
   */
  add(viewer: Viewer, mailbox: Mailbox<Delivery>): () => void {
    const key = keyOf(viewer);
    this.#numbering.seqsOf(viewer);
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { viewer, mailboxes: new Set() };
      this.#groups.set(key, group);
    }
    group.mailboxes.add(mailbox);
    return () => this.#remove(key, mailbox);
  }

  /**
   * Extends the numbering with each of `live` and queues each group's view
   * of it to its subscribers; one too far behind is aborted and dropped
   * (it resumes with `lastEventId`).
   */
  fanOut(live: readonly Live[]): void {
    const push = (key: string, seen: GameEvent, seq: number): void => {
      const group = this.#groups.get(key);
      if (group === undefined) return;
      const shared = group.mailboxes.size > 1;
      this.#push(key, group, deliveryOf(seen, seq, { shared }));
    };
    for (const { event, state } of live) {
      this.#numbering.append(event, state, push);
      const god = this.#groups.get("god");
      if (god !== undefined) {
        const shared = god.mailboxes.size > 1;
        this.#push("god", god, deliveryOf(event, event.seq, { shared }));
      }
    }
  }

  /** How many subscriptions are open, over every view. */
  get size(): number {
    let n = 0;
    for (const group of this.#groups.values()) n += group.mailboxes.size;
    return n;
  }

  /** Ends every subscription (after what is queued) and forgets them. */
  close(): void {
    for (const group of this.#groups.values()) {
      for (const mailbox of group.mailboxes) mailbox.close();
    }
    this.#groups.clear();
  }

  #push(key: string, group: Group, delivery: Delivery): void {
    for (const mailbox of group.mailboxes) {
      if (!mailbox.push(delivery)) {
        mailbox.abort();
        this.#remove(key, mailbox);
      }
    }
  }

  #remove(key: string, mailbox: Mailbox<Delivery>): void {
    const group = this.#groups.get(key);
    if (group === undefined || !group.mailboxes.delete(mailbox)) return;
    if (group.mailboxes.size === 0) this.#groups.delete(key);
  }
}

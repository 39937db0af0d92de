/**
 * The tournaments' progress streams: the stored events after a subscriber's
 * `lastEventId`, then the live ones (this server's and, with a cluster,
 * the other servers'), from one mailbox per subscriber; a gap in the live
 * seqs is filled from the store.
 * @module
 */
import type { TournamentEvent } from "../contract/mod.ts";
import { Mailbox } from "../kit/mod.ts";
import type { TournamentStore } from "./tournament_store.ts";

/** The live subscribers of every tournament's progress. */
export class ProgressFeed {
  #store: TournamentStore;
  #listeners = new Map<string, Set<Mailbox<TournamentEvent>>>();

  constructor(store: TournamentStore) {
    this.#store = store;
  }

  /** Gives a new event (already stored) to the tournament's subscribers. */
  publish(tournamentId: string, event: TournamentEvent): void {
    for (const mailbox of this.#listeners.get(tournamentId) ?? []) {
      mailbox.push(event);
    }
  }

  /**
   * The events after `lastEventId` (a seq; none or not a number: from the
   * first), then the live ones, until `signal` aborts or {@linkcode close}.
   */
  subscribe(
    tournamentId: string,
    options: { lastEventId?: string | null | undefined; signal?: AbortSignal },
  ): AsyncGenerator<TournamentEvent, void, undefined> {
    const asked = Number(options.lastEventId ?? 0);
    const after = Number.isInteger(asked) && asked > 0 ? asked : 0;
    const mailbox = new Mailbox<TournamentEvent>(100_000);
    const listeners = this.#listeners.get(tournamentId) ?? new Set();
    this.#listeners.set(tournamentId, listeners);
    listeners.add(mailbox); // before the backlog is read: nothing falls between
    const release = mailbox.stopOn(options.signal, () => {
      listeners.delete(mailbox);
      if (listeners.size === 0) this.#listeners.delete(tournamentId);
    });
    const store = this.#store;
    return (async function* () {
      let last = after;
      try {
        for (const event of await store.tournamentEvents(tournamentId, after)) {
          last = event.seq;
          yield event;
        }
        for await (const event of mailbox.drain((e) => e)) {
          if (event.seq <= last) continue;
          // a gap (another server's events heard later, or not at all):
          // the stored events fill it, in order
          const events = event.seq === last + 1
            ? [event]
            : await store.tournamentEvents(tournamentId, last);
          for (const stored of events) {
            last = stored.seq;
            yield stored;
          }
        }
      } finally {
        release();
      }
    })();
  }

  /** Ends every subscription (after what is queued). */
  close(): void {
    for (const listeners of this.#listeners.values()) {
      for (const mailbox of listeners) mailbox.close();
    }
    this.#listeners.clear();
  }
}

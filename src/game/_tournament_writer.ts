/**
 * The tournament service's writes of a slot with its progress event: one
 * at a time per tournament on this server, each event numbered after the
 * last one stored (another server's included).
 * @module
 */
import type { TournamentEvent, TournamentSlot } from "../contract/mod.ts";
import type { ProgressFeed } from "./_tournament_feed.ts";
import { progressEvent, sameJson } from "./_tournament_rows.ts";
import type { Clock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import type { GameObserver } from "./observer.ts";
import {
  TournamentSeqTaken,
  type TournamentStore,
} from "./tournament_store.ts";

/** How many times a write is numbered again after another server's. */
const TRIES = 3;

/** Writes the slots of every tournament, in turn per tournament. */
export class SlotWriter {
  #store: TournamentStore;
  #clock: Clock;
  #feed: ProgressFeed;
  #observer: GameObserver | undefined;
  #share: ((tournamentId: string, event: TournamentEvent) => void) | undefined;
  #lastSeq = new Map<string, number>();
  /** Per tournament: the last write queued here. */
  #queue = new Map<string, Promise<void>>();

  /** `observer` hears each slot written, by its event's type. */
  constructor(options: {
    store: TournamentStore;
    clock: Clock;
    feed: ProgressFeed;
    observer?: GameObserver | undefined;
    /** Tells the other servers of each event stored. */
    share?:
      | ((tournamentId: string, event: TournamentEvent) => void)
      | undefined;
  }) {
    this.#share = options.share;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#feed = options.feed;
    this.#observer = options.observer;
  }

  /**
   * Writes `slot` with its progress event of `type`, after this server's
   * earlier writes to the tournament; published once stored. `before` is
   * the slot as the caller read it: when the stored one differs (another
   * call, here or on another server, wrote it meanwhile), nothing is
   * written and it rejects with CONFLICT, so a decision made on a stale
   * slot never overwrites a newer one. When another server wrote the seq
   * first, numbered again; CONFLICT after {@linkcode TRIES} tries.
   */
  save(
    tournamentId: string,
    write: {
      slot: TournamentSlot;
      type: TournamentEvent["type"];
      before: TournamentSlot;
    },
  ): Promise<void> {
    const done = (this.#queue.get(tournamentId) ?? Promise.resolve())
      .then(() => this.#write(tournamentId, write));
    const settled = done.catch(() => {});
    this.#queue.set(tournamentId, settled);
    void settled.then(() => {
      if (this.#queue.get(tournamentId) === settled) {
        this.#queue.delete(tournamentId);
      }
    });
    return done;
  }

  async #write(
    id: string,
    write: {
      slot: TournamentSlot;
      type: TournamentEvent["type"];
      before: TournamentSlot;
    },
  ): Promise<void> {
    const { slot, type, before } = write;
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      // the seq first, the slots after: a write by another server after
      // these reads takes this seq and is refused below, never overwritten
      const known = this.#lastSeq.get(id) ?? 0;
      const newer = await this.#store.tournamentEvents(id, known);
      const seq = (newer.at(-1)?.seq ?? known) + 1;
      const slots = await this.#store.slots(id);
      if (!sameJson(slots[slot.index], before)) {
        throw new GameError(
          "CONFLICT",
          `Game ${slot.index} of tournament ${id} changed while this call ran (another call wrote it first): nothing was written; call again to act on its new state.`,
        );
      }
      slots[slot.index] = slot;
      const at = this.#clock.now();
      const event = progressEvent(slots, { seq, at, type, slot });
      try {
        await this.#store.saveSlot(id, slot, event);
      } catch (error) {
        if (!(error instanceof TournamentSeqTaken)) throw error;
        if (attempt === TRIES) throw new GameError("CONFLICT", error.message);
        continue;
      }
      this.#lastSeq.set(id, seq);
      this.#feed.publish(id, event);
      this.#share?.(id, event);
      this.#observer?.tournamentGame?.(type);
      return;
    }
  }
}

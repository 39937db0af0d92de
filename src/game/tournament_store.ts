/**
 * Where tournaments are kept: the port the tournament service writes
 * through (the SQLite store implements it in the games' database, the
 * Redis store on the instances' Redis), and a memory store for tests.
 * @module
 */
import type {
  TournamentCreateInput,
  TournamentEvent,
  TournamentSlot,
} from "../contract/mod.ts";

/** A tournament as registered. */
export interface StoredTournament {
  tournamentId: string;
  /** What `tournament.create` was given (its `key` is unique). */
  spec: TournamentCreateInput;
  /** Epoch ms. */
  createdAt: number;
}

/**
 * The tournaments' tables. Each write is one transaction: a tournament
 * with its pending slots; a slot's new state with the progress event that
 * tells of it. Several servers may share one store (Redis): a key names
 * one tournament, and an event's seq is written once.
 */
export interface TournamentStore {
  /**
   * Registers a tournament with every slot pending, unless its `spec.key`
   * is registered already: answers the tournament that holds the key (the
   * one given, or the one registered before, left unchanged).
   */
  createTournament(tournament: StoredTournament): Promise<StoredTournament>;
  /** The tournament of `key`, or null. */
  tournamentByKey(key: string): Promise<StoredTournament | null>;
  /** The tournament, or null. */
  tournament(tournamentId: string): Promise<StoredTournament | null>;
  /** Every tournament, oldest first. */
  tournaments(): Promise<StoredTournament[]>;
  /** Its slots, by index. */
  slots(tournamentId: string): Promise<TournamentSlot[]>;
  /**
   * Writes one slot and the progress event that tells of it; rejects with
   * a {@linkcode TournamentSeqTaken} (nothing written) when an event of
   * that seq is stored already (another server wrote first).
   */
  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): Promise<void>;
  /** Its progress events after `afterSeq`, in order. */
  tournamentEvents(
    tournamentId: string,
    afterSeq: number,
  ): Promise<TournamentEvent[]>;
}

/** A progress event's seq was written already: the slot was not saved. */
export class TournamentSeqTaken extends Error {
  override name = "TournamentSeqTaken";
  constructor(tournamentId: string, seq: number) {
    super(
      `Tournament ${tournamentId} has an event ${seq} already: it changed meanwhile (on another server); read it again and retry.`,
    );
  }
}

/** A pending slot. */
export function pendingSlot(index: number): TournamentSlot {
  return {
    index,
    status: "pending",
    gameId: null,
    attempts: 0,
    replayed: false,
    refusals: {},
  };
}

/** Tournaments in memory: nothing survives the process. */
export class MemoryTournamentStore implements TournamentStore {
  #tournaments = new Map<string, StoredTournament>();
  #slots = new Map<string, TournamentSlot[]>();
  #events = new Map<string, TournamentEvent[]>();

  createTournament(tournament: StoredTournament): Promise<StoredTournament> {
    const known = this.#byKey(tournament.spec.key);
    if (known !== null) return Promise.resolve(structuredClone(known));
    this.#tournaments.set(tournament.tournamentId, structuredClone(tournament));
    this.#slots.set(
      tournament.tournamentId,
      Array.from(
        { length: tournament.spec.schedule.games },
        (_, i) => pendingSlot(i),
      ),
    );
    this.#events.set(tournament.tournamentId, []);
    return Promise.resolve(structuredClone(tournament));
  }

  tournamentByKey(key: string): Promise<StoredTournament | null> {
    const known = this.#byKey(key);
    return Promise.resolve(known === null ? null : structuredClone(known));
  }

  tournament(tournamentId: string): Promise<StoredTournament | null> {
    const found = this.#tournaments.get(tournamentId);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  tournaments(): Promise<StoredTournament[]> {
    return Promise.resolve(
      [...this.#tournaments.values()].map((t) => structuredClone(t)),
    );
  }

  slots(tournamentId: string): Promise<TournamentSlot[]> {
    return Promise.resolve(
      structuredClone(this.#slots.get(tournamentId) ?? []),
    );
  }

  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): Promise<void> {
    const slots = this.#slots.get(tournamentId);
    const events = this.#events.get(tournamentId);
    if (slots === undefined || events === undefined) return Promise.resolve();
    if ((events.at(-1)?.seq ?? 0) >= event.seq) {
      return Promise.reject(new TournamentSeqTaken(tournamentId, event.seq));
    }
    slots[slot.index] = structuredClone(slot);
    events.push(structuredClone(event));
    return Promise.resolve();
  }

  tournamentEvents(
    tournamentId: string,
    afterSeq: number,
  ): Promise<TournamentEvent[]> {
    return Promise.resolve(structuredClone(
      (this.#events.get(tournamentId) ?? []).filter((e) => e.seq > afterSeq),
    ));
  }

  #byKey(key: string): StoredTournament | null {
    for (const t of this.#tournaments.values()) {
      if (t.spec.key === key) return t;
    }
    return null;
  }
}

/**
 * Where tournaments are kept: the port the tournament service writes
 * through (the SQLite store implements it in the games' database), and a
 * memory store for tests and `:memory:`.
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
 * The tournaments' tables. Each write is one transaction: a slot's new
 * state is written with the progress event that tells of it.
 */
export interface TournamentStore {
  /** Registers a tournament with every slot pending. */
  createTournament(tournament: StoredTournament): void;
  /** The tournament of `key`, or null. */
  tournamentByKey(key: string): StoredTournament | null;
  /** The tournament, or null. */
  tournament(tournamentId: string): StoredTournament | null;
  /** Every tournament, oldest first. */
  tournaments(): StoredTournament[];
  /** Its slots, by index. */
  slots(tournamentId: string): TournamentSlot[];
  /** Writes one slot and the progress event that tells of it. */
  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): void;
  /** Its progress events after `afterSeq`, in order. */
  tournamentEvents(tournamentId: string, afterSeq: number): TournamentEvent[];
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

  createTournament(tournament: StoredTournament): void {
    this.#tournaments.set(tournament.tournamentId, structuredClone(tournament));
    this.#slots.set(
      tournament.tournamentId,
      Array.from(
        { length: tournament.spec.schedule.games },
        (_, i) => pendingSlot(i),
      ),
    );
    this.#events.set(tournament.tournamentId, []);
  }

  tournamentByKey(key: string): StoredTournament | null {
    for (const t of this.#tournaments.values()) {
      if (t.spec.key === key) return structuredClone(t);
    }
    return null;
  }

  tournament(tournamentId: string): StoredTournament | null {
    const found = this.#tournaments.get(tournamentId);
    return found === undefined ? null : structuredClone(found);
  }

  tournaments(): StoredTournament[] {
    return [...this.#tournaments.values()].map((t) => structuredClone(t));
  }

  slots(tournamentId: string): TournamentSlot[] {
    return structuredClone(this.#slots.get(tournamentId) ?? []);
  }

  saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): void {
    const slots = this.#slots.get(tournamentId);
    if (slots === undefined) return;
    slots[slot.index] = structuredClone(slot);
    this.#events.get(tournamentId)?.push(structuredClone(event));
  }

  tournamentEvents(tournamentId: string, afterSeq: number): TournamentEvent[] {
    return structuredClone(
      (this.#events.get(tournamentId) ?? []).filter((e) => e.seq > afterSeq),
    );
  }
}

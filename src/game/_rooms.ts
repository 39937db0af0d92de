/**
 * The game service's rooms in memory (every running game, the most recent
 * ended ones) and the reads that bring a stored game back, from a store
 * that answers at once or one that answers promises.
 * @module
 */
import type { GameRoom } from "./game_room.ts";
import type { GameStore, StoredGame } from "./store.ts";

/** The rooms in memory: all running games, the `endedInMemory` newest ended ones. */
export class Rooms {
  /** The games not ended, by id. */
  readonly running = new Map<string, GameRoom>();
  #ended = new Map<string, GameRoom>();
  #endedInMemory: number;

  /** `endedInMemory`: how many ended rooms stay open (at least 0). */
  /** The ended rooms kept in memory, oldest first. */
  get endedRooms(): IterableIterator<GameRoom> {
    return this.#ended.values();
  }

  constructor(endedInMemory: number) {
    this.#endedInMemory = endedInMemory;
  }

  /** The room in memory (an ended one marked most recent), or undefined. */
  kept(gameId: string): GameRoom | undefined {
    const running = this.running.get(gameId);
    if (running !== undefined) return running;
    const ended = this.#ended.get(gameId);
    if (ended !== undefined) this.keepEnded(ended);
    return ended;
  }

  /** Moves a room that just ended from the running ones to the ended ones. */
  ended(room: GameRoom): void {
    if (this.running.delete(room.gameId)) this.keepEnded(room);
  }

  /** Marks an ended room most recent; closes the oldest beyond the limit. */
  keepEnded(room: GameRoom): void {
    this.#ended.delete(room.gameId);
    this.#ended.set(room.gameId, room);
    while (this.#ended.size > this.#endedInMemory) {
      const [oldest] = this.#ended.values();
      if (oldest === undefined) break;
      this.#ended.delete(oldest.gameId);
      oldest.close();
    }
  }

  /** Forgets an ended room and closes it (its subscriptions end). */
  dropEnded(gameId: string): void {
    const room = this.#ended.get(gameId);
    this.#ended.delete(gameId);
    room?.close();
  }

  /** Closes every room. */
  close(): void {
    for (const room of this.running.values()) room.close();
    for (const room of this.#ended.values()) room.close();
    this.running.clear();
    this.#ended.clear();
  }
}

/**
 * A stored game from a store that answers at once, or null when it has no
 * such game; throws an Error if the store answered a promise.
 */
export function storedNow(
  store: GameStore,
  gameId: string,
): StoredGame | null {
  const has = store.has(gameId);
  const events = has === true ? store.events(gameId) : [];
  const outcomes = has === true ? store.outcomes(gameId) : [];
  if (
    has instanceof Promise || events instanceof Promise ||
    outcomes instanceof Promise
  ) {
    throw new Error(
      `Game ${gameId} is not in memory and the store answers asynchronously: use GameService.open().`,
    );
  }
  return has ? { events, outcomes } : null;
}

/** A stored game from any store, or null when it has no such game. */
export async function storedLater(
  store: GameStore,
  gameId: string,
): Promise<StoredGame | null> {
  if (!(await store.has(gameId))) return null;
  const [events, outcomes] = await Promise.all([
    store.events(gameId),
    store.outcomes(gameId),
  ]);
  return { events, outcomes };
}

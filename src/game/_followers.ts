/**
 * The follower rooms of one instance: the games another instance owns
 * whose logs this one tails, each with the function that stops its tail
 * and when it was last opened (an idle one with no subscription stops).
 * @module
 */
import type { GameCluster } from "./cluster.ts";
import type { Clock } from "./clock.ts";
import type { GameRoom } from "./game_room.ts";

/** How long after it was last opened a follower with no subscription keeps tailing, in ms. */
export const FOLLOWER_IDLE_MS = 30_000;

interface Follower {
  room: GameRoom;
  stop: () => void;
  /** When it was last opened (clock ms). */
  touched: number;
}

/** The follower rooms, by game (see the module's doc). */
export class Followers {
  #cluster: GameCluster;
  #clock: Clock;
  #followers = new Map<string, Follower>();

  constructor(cluster: GameCluster, clock: Clock) {
    this.#cluster = cluster;
    this.#clock = clock;
  }

  /** The follower room of `gameId`, marked used, or undefined. */
  kept(gameId: string): GameRoom | undefined {
    const follower = this.#followers.get(gameId);
    if (follower !== undefined) follower.touched = this.#clock.now();
    return follower?.room;
  }

  /** Tails the log of a follower room from its last event. */
  watch(room: GameRoom): void {
    const follower: Follower = {
      room,
      touched: this.#clock.now(),
      stop: () => {},
    };
    this.#followers.set(room.gameId, follower);
    follower.stop = this.#cluster.follow(
      room.gameId,
      room.state.seq,
      (events) => room.fold(events),
    );
  }

  /** Stops following `gameId`; answers its room (not closed). */
  take(gameId: string): GameRoom | undefined {
    const follower = this.#followers.get(gameId);
    if (follower === undefined) return undefined;
    this.#followers.delete(gameId);
    follower.stop();
    return follower.room;
  }

  /**
   * Stops and closes the followers with no subscription not opened for
   * {@linkcode FOLLOWER_IDLE_MS}.
   */
  sweep(): void {
    const idle = this.#clock.now() - FOLLOWER_IDLE_MS;
    for (const [gameId, follower] of this.#followers) {
      if (follower.room.subscribers > 0 || follower.touched > idle) continue;
      this.take(gameId);
      follower.room.close();
    }
  }

  /** Stops every tail and closes the follower rooms. */
  close(): void {
    for (const gameId of [...this.#followers.keys()]) {
      this.take(gameId)?.close();
    }
  }
}

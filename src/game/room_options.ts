import type { GameEvent } from "../contract/mod.ts";
import type { Clock } from "./clock.ts";
import type { CommitQueue } from "./commit_queue.ts";
import type { GameRoom } from "./game_room.ts";
import type { GameObserver } from "./observer.ts";
import type { Forward } from "./_follower.ts";

/** What an accepted command answers. */
export interface Accepted {
  /** The sequence number of the last event (the command's last, if it made any). */
  seq: number;
  /** The events this command produced. */
  events: readonly GameEvent[];
}

/** Options of {@linkcode GameRoom}. */
export interface GameRoomOptions {
  /** Time and timers. */
  clock: Clock;
  /** Where every command's events are committed before it is answered. */
  commits: CommitQueue;
  /** Called with every batch of new events, after they are applied. */
  onEvents?: (room: GameRoom, events: readonly GameEvent[]) => void;
  /** Most events a subscription may hold unread. */
  maxQueuedEvents?: number;
  /** Told of each command, default and end, for metrics and traces. */
  observer?: GameObserver | undefined;
  /**
   * Set when another instance owns the game: the room is a follower, its
   * commands go to the owner through this (see `GameRoom.follow`).
   */
  forward?: Forward | undefined;
}

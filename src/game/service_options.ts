/**
 * The game service's options and the defaults of a new game.
 * @module
 */
import { DEFAULT_MAX_SAY_CHARS } from "../engine/mod.ts";
import type { Hub } from "../hub/mod.ts";
import type { Clock } from "./clock.ts";
import type { GameStore } from "./store.ts";
import type { GameObserver } from "./observer.ts";
import type { GameCluster } from "./cluster.ts";
import type { Sha256 } from "./seat_tokens.ts";

/** Options of `GameService`. */
export interface GameServiceOptions {
  /** Time and timers. Default: the system clock. */
  clock?: Clock;
  /** The hub, to broadcast the public `phase_update` and `game_state`. */
  hub?: Hub;
  /** Makes a seed when a game has none. Default: crypto random. */
  seed?: () => number;
  /** Where games are kept. Default: in memory (`MemoryGameStore`). */
  store?: GameStore;
  /**
   * How many ended games stay in memory (the most recently ended); older
   * ones are read back from the store when asked for. Default: 32.
   */
  endedInMemory?: number;
  /** The longest `say` of a game created without `maxSayChars`. */
  maxSayChars?: number;
  /**
   * The most games this instance leads at once that have not ended (in the
   * lobby or playing; games it follows for another instance, and the ones
   * `resume` brings back, do not ask). One more `create` is refused with
   * SERVICE_UNAVAILABLE until one ends. 0 or undefined: no limit.
   */
  maxGamesInPlay?: number | undefined;
  /**
   * When the group commit flushes (`CommitQueueOptions.schedule`). Default:
   * `queueMicrotask`; the server uses `nextTurn` on a SQLite file, which
   * groups the commands of a whole turn of the event loop in one
   * transaction and disk sync.
   */
  commitSchedule?: ((flush: () => void) => void) | undefined;
  /**
   * The SHA-256 of the seat tokens and join keys (`SeatTokens`). Default:
   * WebCrypto's (async); the server gives `node:crypto`'s, at once.
   */
  sha256?: Sha256 | undefined;
  /** Told when the store refuses a command's events (the server logs it). */
  onCommitFailure?: (gameId: string, error: unknown) => void;
  /** Told of commands, defaults, commits and refused games (metrics, traces). Default: none. */
  observer?: GameObserver | undefined;
  /**
   * The other instances on the same store (Redis): games they own are
   * served here by follower rooms, their commands forwarded. Default: one
   * instance alone (`soloCluster`).
   */
  cluster?: GameCluster | undefined;
}

/**
 * Defaults of a new game; the talk and vote settings' own defaults are the
 * engine's (`DISCUSSION_ROUNDS.default` rounds, round_robin, sequential).
 */
export const GAME_DEFAULTS = Object.freeze({
  actionTimeoutMs: 30_000,
  autoStart: true,
  maxSayChars: DEFAULT_MAX_SAY_CHARS,
});

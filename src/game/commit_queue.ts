import type { GameObserver } from "./observer.ts";
import type { CommitBatch, GameStore } from "./store.ts";

/** Options of {@linkcode CommitQueue}. */
export interface CommitQueueOptions {
  /**
   * Runs the flush soon. Default: `queueMicrotask`, which adds no latency:
   * the commands of every game decided before the flush runs (those woken
   * by the same turn of the event loop) share one transaction and one disk
   * sync. A later schedule (a timer) groups more and answers later.
   */
  schedule?: (flush: () => void) => void;
  /**
   * Told of a batch the store refused (its command is refused, not
   * applied): the server logs it. Default: nothing.
   */
  onFailure?: (gameId: string, error: unknown) => void;
  /** Told of each group commit's size and time. Default: nothing. */
  observer?: GameObserver | undefined;
}

/**
 * A flush schedule for {@linkcode CommitQueueOptions.schedule}: the next
 * turn of the event loop (a zero-delay timer), after the socket messages
 * already received have been handled. The commands of every game those
 * messages carried share one transaction (and, on disk, one sync), where
 * `queueMicrotask` groups only those decided in the same task (one socket
 * message, mostly): fewer, larger commits, each answer later by up to one
 * turn of the loop.
 */
export function nextTurn(flush: () => void): void {
  setTimeout(flush, 0);
}

interface Waiting {
  batch: CommitBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the batches of every game submitted before the next flush
 * go to the store in one transaction. Each promise settles when its batch
 * is durable. If the shared transaction fails, each batch is tried alone,
 * so one bad batch fails only its own command.
 */
export class CommitQueue {
  #store: GameStore;
  #schedule: (flush: () => void) => void;
  #waiting: Waiting[] = [];
  /** Told of each batch the store refused (see the options). */
  readonly onFailure: (gameId: string, error: unknown) => void;
  #committed: ((batches: number, ms: number) => void) | undefined;

  constructor(store: GameStore, options: CommitQueueOptions = {}) {
    this.#committed = options.observer?.committed?.bind(options.observer);
    this.#store = store;
    this.#schedule = options.schedule ?? queueMicrotask;
    this.onFailure = options.onFailure ?? (() => {});
  }

  /** Resolves once `batch` is committed; rejects if it cannot be. */
  commit(batch: CommitBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.push({ batch, resolve, reject }) === 1) {
        this.#schedule(() => this.flush());
      }
    });
  }

  /**
   * Commits every waiting batch now. With a store that answers at once
   * (SQLite, memory) the batches are settled before this returns; with one
   * that answers a promise (Redis) they settle when it does, and batches
   * submitted meanwhile go in the next flush.
   */
  flush(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    if (waiting.length === 0) return;
    const started = this.#committed === undefined ? 0 : performance.now();
    const committed = () =>
      this.#committed?.(waiting.length, performance.now() - started);
    let written: void | Promise<void>;
    try {
      written = this.#store.commit(waiting.map((item) => item.batch));
    } catch {
      void this.#oneByOne(waiting);
      return;
    }
    if (written instanceof Promise) {
      written.then(
        () => {
          committed();
          settle(waiting);
        },
        () => void this.#oneByOne(waiting),
      );
    } else {
      committed();
      settle(waiting);
    }
  }

  /**
   * After a shared transaction failed (writing none of it): each batch
   * alone, in order, so one bad batch fails only its own command.
   */
  async #oneByOne(waiting: readonly Waiting[]): Promise<void> {
    for (const item of waiting) {
      try {
        const written = this.#store.commit([item.batch]);
        if (written instanceof Promise) await written;
        item.resolve();
      } catch (error) {
        item.reject(error);
      }
    }
  }
}

function settle(waiting: readonly Waiting[]): void {
  for (const item of waiting) item.resolve();
}

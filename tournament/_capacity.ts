/**
 * The runner's answer to a full server: a game the server refuses with
 * SERVICE_UNAVAILABLE (it already plays its `MAX_GAMES_IN_PLAY`) waits and
 * is asked for again. While any game waits, the others queue behind it and
 * the queue asks one at a time, every `retryMs`, so a hundred waiting games
 * cost the server one refused call per period, not a hundred (which would
 * also spend the connection's `WS_RATE_LIMIT`).
 * @module
 */
import { TRPCClientError } from "@trpc/client";

/** Options of {@linkcode Capacity}. */
export interface CapacityOptions {
  /** Between two asks of a refused game, ms (at least 1). */
  retryMs: number;
  /** How long one game may wait before the run gives up on it, ms. */
  maxWaitMs: number;
  /** The clock, epoch ms. */
  now: () => number;
  /** Waits `ms`. */
  sleep: (ms: number) => Promise<void>;
}

/** Whether `error` is the server's refusal for capacity. */
export function isServerFull(error: unknown): error is TRPCClientError<never> {
  return error instanceof TRPCClientError &&
    (error.data as { code?: unknown } | undefined)?.code ===
      "SERVICE_UNAVAILABLE";
}

/** Sleeps with `setTimeout`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The queue of games that wait for room on the server. */
export class Capacity {
  #options: CapacityOptions;
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;

  constructor(options: CapacityOptions) {
    this.#options = options;
  }

  /** Games waiting for room now. */
  get waiting(): number {
    return this.#queued;
  }

  /**
   * Runs `ask` (a game's start) until the server takes it: at once while no
   * game waits, else in the queue. `onWait` hears the server's sentence
   * once, when this game starts waiting. Any other error is thrown as is;
   * past `maxWaitMs` of waiting, an Error saying so.
   */
  async start<T>(
    ask: () => Promise<T>,
    onWait: (message: string) => void,
  ): Promise<T> {
    let refusal: string | undefined;
    if (this.#queued === 0) {
      try {
        return await ask();
      } catch (error) {
        if (!isServerFull(error)) throw error;
        refusal = error.message;
      }
    }
    const { now, retryMs, maxWaitMs } = this.#options;
    const since = now();
    this.#queued++;
    const before = this.#tail;
    let leave!: () => void;
    this.#tail = new Promise((resolve) => leave = resolve);
    try {
      if (refusal !== undefined) onWait(refusal);
      await before;
      // the head of the queue: the game before it got in, so ask at once
      // (unless this one was refused just now)
      for (let tries = refusal === undefined ? 0 : 1;; tries++) {
        if (tries > 0) await this.#options.sleep(Math.max(1, retryMs));
        try {
          return await ask();
        } catch (error) {
          if (!isServerFull(error)) throw error;
          if (refusal === undefined) onWait(error.message);
          refusal = error.message;
          if (now() - since >= maxWaitMs) {
            throw new Error(
              `the server refused this game for ${
                Math.round((now() - since) / 1000)
              } s, past the runner's wait of ${
                Math.round(maxWaitMs / 1000)
              } s (RunOptions.maxWaitMs): ${refusal}`,
            );
          }
        }
      }
    } finally {
      this.#queued--;
      leave();
    }
  }
}

/** Time and timers for the game service; tests inject a fake one. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` at `at` (epoch ms) or soon after; returns a cancel function. */
  setTimer(at: number, fn: () => void): () => void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn) {
    const timer = setTimeout(fn, Math.max(0, at - Date.now()));
    return () => clearTimeout(timer);
  },
};

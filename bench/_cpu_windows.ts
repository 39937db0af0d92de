/**
 * CPU use second by second: a run's average share of a core hides whether
 * a process was saturated, since the run's first seconds (sockets opening,
 * games being created) and last ones (the final games finishing, fewer and
 * fewer at once) are quieter than the steady part. The median window is
 * the steady part's figure.
 * @module
 */
import { round, Samples } from "./_load.ts";

/**
 * Shares of one core (percent) in successive windows of at least
 * `windowMs`, from readings of a cumulative CPU time in milliseconds.
 */
export class CpuWindows {
  #windowMs: number;
  #start: { at: number; cpu: number } | null = null;
  #shares = new Samples();

  /** `windowMs`: a window's least length in milliseconds (default 1,000). */
  constructor(options: { windowMs?: number } = {}) {
    this.#windowMs = options.windowMs ?? 1000;
  }

  /**
   * Takes one reading: `cpuMs` used so far at `atMs` (both in ms, `atMs`
   * on any clock that only goes forward). A window closes at the first
   * reading `windowMs` or more after the previous close.
   */
  sample(atMs: number, cpuMs: number): void {
    const start = this.#start;
    if (start === null) {
      this.#start = { at: atMs, cpu: cpuMs };
      return;
    }
    const elapsed = atMs - start.at;
    if (elapsed < this.#windowMs) return;
    this.#shares.push((100 * (cpuMs - start.cpu)) / elapsed);
    this.#start = { at: atMs, cpu: cpuMs };
  }

  /** The closed windows' shares, oldest first (percent of one core). */
  get shares(): readonly number[] {
    return this.#shares.values();
  }

  /**
   * The median window's share of one core (percent, one decimal; the
   * lower middle of an even count, `Samples`' nearest-rank p50), or null
   * before a window closed.
   */
  median(): number | null {
    if (this.#shares.count === 0) return null;
    return round(this.#shares.summary().p50, 1);
  }
}

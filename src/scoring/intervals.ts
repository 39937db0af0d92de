/**
 * Intervals and quantiles: the Wilson score interval of a win rate, and the
 * nearest-rank quantile used for latencies and bootstrap intervals.
 * @module
 */
import type { WinStat } from "./results.ts";

/** The normal quantile of 0.975: a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * `wins` of `games` with the 95% Wilson score interval:
 * `(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`, `p = wins/n`.
 * With no games the rate and bounds are `null`.
 */
export function wilson(wins: number, games: number): WinStat {
  if (games === 0) return { games, wins, rate: null, low: null, high: null };
  const p = wins / games;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / games;
  const center = (p + z2 / (2 * games)) / denominator;
  const half = (Z_95 *
    Math.sqrt(p * (1 - p) / games + z2 / (4 * games * games))) / denominator;
  return {
    games,
    wins,
    rate: p,
    low: Math.max(0, center - half),
    high: Math.min(1, center + half),
  };
}

/**
 * The nearest-rank `q`-quantile (`0 < q <= 1`) of `values`: the smallest
 * value with at least `q` of the values at or below it, i.e. the
 * `ceil(q·n)`-th smallest. `null` for no values.
 */
export function nearestRank(
  values: readonly number[],
  q: number,
): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length - 1e-9)); // 0.975·200 is 195
  return sorted[rank - 1]!;
}

/**
 * The 95% percentile interval of bootstrap values: the nearest-rank 0.025
 * and 0.975 quantiles (with 200 resamples, the 5th and 195th smallest).
 */
export function percentileInterval(
  values: readonly number[],
): { low: number; high: number } {
  return {
    low: nearestRank(values, 0.025) ?? Number.NaN,
    high: nearestRank(values, 0.975) ?? Number.NaN,
  };
}

/** `part / whole`, or `null` when `whole` is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

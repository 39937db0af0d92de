/**
 * The operator's view's numbers, DOM-free: the chart's series from
 * `admin.overview`'s buckets (calls and errors per second, by code), and
 * the sums the page shows.
 * @module
 */
import type { Overview } from "../src/mod.ts";

/** One line of the chart: its label key's variable and a rate per bucket. */
export interface RateLine {
  /** null for all calls, else the tRPC error code. */
  code: string | null;
  /** Per second, one per bucket, oldest first. */
  rates: number[];
}

/**
 * The chart's lines: every call, then each error code seen in the
 * buckets, as rates per second. The last bucket is still filling: its
 * count is divided by the seconds it has run (at least 1).
 */
export function rateLines(overview: Overview): RateLine[] {
  const { buckets, bucketS } = overview.calls;
  const seconds = buckets.map((bucket, i) =>
    i === buckets.length - 1
      ? Math.min(bucketS, Math.max(1, (overview.at - bucket.at) / 1000))
      : bucketS
  );
  const codes = [...new Set(buckets.flatMap((b) => Object.keys(b.errors)))]
    .sort();
  const round = (n: number) => Math.round(n * 100) / 100;
  return [
    {
      code: null,
      rates: buckets.map((b, i) => round(b.calls / (seconds[i] as number))),
    },
    ...codes.map((code) => ({
      code,
      rates: buckets.map((b, i) =>
        round((b.errors[code] ?? 0) / (seconds[i] as number))
      ),
    })),
  ];
}

/** Errors answered since the start: every code but OK. */
export function errorTotal(overview: Overview): number {
  return Object.entries(overview.calls.byCode)
    .filter(([code]) => code !== "OK")
    .reduce((sum, [, count]) => sum + count, 0);
}

/** A time of day (HH:MM:SS) of epoch ms, in `locale`. */
export function clockText(at: number, locale: string): string {
  return new Date(at).toLocaleTimeString(locale === "fr" ? "fr-FR" : "en-GB", {
    hour12: false,
  });
}

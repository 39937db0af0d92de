/**
 * Reading `GET /metrics` in tests: scrape a server's Prometheus text and
 * read one metric's value (the sum over the series whose labels match).
 * @module
 */
import assert from "node:assert/strict";
import { METRICS } from "../src/server/mod.ts";

/** The Prometheus text of `httpUrl`'s `/metrics`, asserted 200. */
export async function scrape(
  httpUrl: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(`${httpUrl}/metrics`, { headers });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  }
  return text;
}

/** The labels of a series line, e.g. `{a="1",b="x"}`. */
function labelsOf(part: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of part.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1] as string] = match[2] as string;
  }
  return labels;
}

/**
 * The sum of `name`'s series whose labels include `labels`; 0 when none
 * (a counter never incremented has no series).
 */
export function valueOf(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const seen = labelsOf(match[2] ?? "");
    if (Object.entries(labels).every(([key, value]) => seen[key] === value)) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

/** `valueOf` on a fresh scrape. */
export async function metric(
  httpUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  return valueOf(await scrape(httpUrl), name, labels);
}

/** Each metric of the table by its key: its full name. */
export const M = Object.fromEntries(
  Object.entries(METRICS).map(([key, spec]) => [key, spec.name]),
) as { [K in keyof typeof METRICS]: string };

/** Polls `/metrics` until `name` (with `labels`) equals `want`; its last value. */
export async function metricReaches(
  httpUrl: string,
  name: string,
  labels: Record<string, string>,
  want: (value: number) => boolean,
): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 200; i++) {
    last = await metric(httpUrl, name, labels);
    if (want(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`${name}${JSON.stringify(labels)} stayed at ${last}`);
}

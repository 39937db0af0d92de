/**
 * The prom-client collectors of `metric_table.ts`, made on one registry by
 * `metrics.ts`: each metric of the table as its counter, gauge or
 * histogram (a call's latency: a {@linkcode PlainHistogram} of plain
 * additions), with its reading at scrape time when it has one.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { METRICS, type MetricSpec } from "./metric_table.ts";
import { PlainHistogram } from "./_plain_histogram.ts";

/** Every metric of the table by its key, as the collector its type makes. */
export type Collectors = {
  [K in keyof typeof METRICS]: (typeof METRICS)[K]["type"] extends "counter"
    ? Counter
    : (typeof METRICS)[K]["type"] extends "gauge" ? Gauge
    : Histogram;
};

/** What a metric read at scrape time does to its counter or gauge. */
export type Collect = (metric: Gauge & Counter) => void | Promise<void>;

/**
 * The collectors of every metric of the table on `registry`, each with
 * `collect[key]` as its reading at scrape time when there is one.
 */
export function makeCollectors(
  registry: Registry,
  collect: Record<string, Collect>,
): Collectors {
  const made: Record<string, Counter | Gauge | Histogram> = {};
  for (const [key, spec] of Object.entries(METRICS)) {
    made[key] = collector(registry, spec, collect[key]);
  }
  return made as Collectors;
}

function collector(
  registry: Registry,
  spec: MetricSpec,
  collect?: Collect,
): Counter | Gauge | Histogram {
  const read = collect === undefined ? {} : {
    collect(this: Counter | Gauge) {
      return collect(this as Gauge & Counter); // each reads as its type allows
    },
  };
  const options = {
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
  };
  switch (spec.type) {
    case "counter":
      return new Counter({ ...options, ...read });
    case "gauge":
      return new Gauge({ ...options, ...read });
    case "histogram":
      if (spec.labels.length === 1) { // a call's latency: plain additions
        return new PlainHistogram({
          name: spec.name,
          help: spec.help,
          label: spec.labels[0] as string,
          buckets: spec.buckets ?? [],
          registry,
        });
      }
      return new Histogram({ ...options, buckets: [...spec.buckets ?? []] });
  }
}

import { Histogram, type Registry } from "prom-client";

type Exported = Awaited<ReturnType<Histogram["get"]>>;

/** One label value's observations: counts per bucket, sum and count. */
export class HistogramSeries {
  readonly #bounds: readonly number[];
  /** Observations per bucket (not cumulative); the last is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    this.#bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Counts `value` in: a few comparisons and three additions. */
  observe(value: number): void {
    const bounds = this.#bounds;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

/**
 * A histogram of one label whose observations are plain additions
 * (prom-client's own `observe` hashes the labels and allocates at each
 * one, which a call's latency would pay): a prom-client `Histogram` in the
 * registry that renders these series, bucket by bucket, when scraped.
 */
export class PlainHistogram extends Histogram<string> {
  readonly #bounds: readonly number[];
  readonly #label: string;
  readonly #name: string;
  readonly #help: string;
  readonly #series = new Map<string, HistogramSeries>();

  constructor(opts: {
    name: string;
    help: string;
    label: string;
    buckets: readonly number[];
    registry: Registry;
  }) {
    super({
      name: opts.name,
      help: opts.help,
      labelNames: [opts.label],
      buckets: [...opts.buckets],
      registers: [opts.registry],
    });
    this.#bounds = opts.buckets;
    this.#label = opts.label;
    this.#name = opts.name;
    this.#help = opts.help;
  }

  /** The series of one label value, made at its first use. */
  series(value: string): HistogramSeries {
    let series = this.#series.get(value);
    if (series === undefined) {
      series = new HistogramSeries(this.#bounds);
      this.#series.set(value, series);
    }
    return series;
  }

  /** The series as the registry renders a histogram's. */
  override get(): Promise<Exported> {
    const values: Exported["values"] = [];
    const name = this.#name;
    for (const [value, series] of this.#series) {
      const labels = { [this.#label]: value };
      let cumulative = 0;
      this.#bounds.forEach((bound, i) => {
        cumulative += series.counts[i] as number;
        values.push({
          metricName: `${name}_bucket`,
          labels: { ...labels, le: bound },
          value: cumulative,
        });
      });
      values.push(
        {
          metricName: `${name}_bucket`,
          labels: { ...labels, le: "+Inf" },
          value: series.count,
        },
        { metricName: `${name}_sum`, labels, value: series.sum },
        { metricName: `${name}_count`, labels, value: series.count },
      );
    }
    return Promise.resolve(
      {
        name,
        help: this.#help,
        type: "histogram",
        values,
        aggregator: "sum",
      } as unknown as Exported,
    );
  }

  /** What the registry reads when it has it (the same as {@linkcode get}). */
  getForPromString(): Promise<Exported> {
    return this.get();
  }
}

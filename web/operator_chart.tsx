/// <reference lib="dom" />
/**
 * The operator's chart: calls and errors per second (by tRPC code) over
 * the ring's buckets, a Chart.js line chart drawn once and updated in
 * place each time the numbers come (no animation). Its canvas has
 * `data-chart="calls"` and, once drawn, `data-series` (its lines) and
 * `data-points` (its buckets).
 * @module
 */
import type { ChartConfiguration } from "chart.js";
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Locale, Overview } from "../src/mod.ts";
import { t } from "./i18n.ts";
import { clockText, rateLines } from "./operator_model.ts";
import { Chart, CHART_BASE, ChartBox, followTheme } from "./_charts.tsx";

/** A line's colour: calls blue, then the errors' in turn. */
const COLORS = ["#3b82f6", "#ef4444", "#f59e0b", "#a855f7", "#10b981"];

/** The chart's data of `overview`, in `locale`. */
function dataOf(overview: Overview, locale: Locale) {
  return {
    labels: overview.calls.buckets.map((b) => clockText(b.at, locale)),
    datasets: rateLines(overview).map((line, i) => ({
      label: line.code === null
        ? t(locale, "op.chart.calls")
        : t(locale, "op.chart.errors", { code: line.code }),
      data: line.rates,
      borderColor: COLORS[i % COLORS.length],
      backgroundColor: COLORS[i % COLORS.length],
      pointRadius: 0,
      borderWidth: 2,
    })),
  };
}

/** The calls and errors per second of `overview`. */
export function CallsChart(
  props: { overview: Overview; locale: Locale },
): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"line"> | null>(null);
  const { overview, locale } = props;
  useEffect(() => {
    if (canvas.current === null) return;
    followTheme({ grid: false });
    const config: ChartConfiguration<"line"> = {
      type: "line",
      data: { labels: [], datasets: [] },
      options: {
        ...CHART_BASE,
        locale,
        scales: { y: { type: "linear", beginAtZero: true } },
      },
    };
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    const drawn = chart.current;
    if (drawn === null || canvas.current === null) return;
    drawn.data = dataOf(overview, locale);
    drawn.update("none");
    canvas.current.dataset.series = String(drawn.data.datasets.length);
    canvas.current.dataset.points = String(overview.calls.buckets.length);
  }, [overview, locale]);
  const first = overview.calls.buckets[0]?.at ?? overview.at;
  const label = t(locale, "op.chart", {
    seconds: overview.calls.bucketS,
    time: clockText(first, locale),
  });
  return (
    <figure class="op-chart">
      <figcaption>{label}</figcaption>
      <ChartBox canvas={canvas} name="calls" label={label} />
    </figure>
  );
}

/// <reference lib="dom" />
/**
 * What the page's Chart.js charts share (the leaderboard's,
 * `board_charts.tsx`, and the operator's, `operator_chart.tsx`): the
 * components registered once, the options every chart takes, the page's
 * theme colours and the canvas' markup.
 * @module
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from "chart.js";
import type { JSX, RefObject } from "preact";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
);

export { Chart };

/** Options every chart shares: no animation, fills its box. */
export const CHART_BASE = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
} as const;

/**
 * Takes the page's text colour (style.css's `--muted`) for the charts'
 * labels and, with `grid`, its line colour (`--line`) for their grids.
 */
export function followTheme(opts: { grid: boolean }): void {
  const style = getComputedStyle(document.documentElement);
  const muted = style.getPropertyValue("--muted").trim();
  if (muted !== "") Chart.defaults.color = muted;
  if (!opts.grid) return;
  const line = style.getPropertyValue("--line").trim();
  if (line !== "") Chart.defaults.borderColor = line;
}

/** A chart's box and canvas: `data-chart` is `name`, `label` its accessible name. */
export function ChartBox(
  props: {
    canvas: RefObject<HTMLCanvasElement | null>;
    name: string;
    label: string;
  },
): JSX.Element {
  return (
    <div class="chart">
      <canvas
        ref={props.canvas}
        data-chart={props.name}
        role="img"
        aria-label={props.label}
      />
    </div>
  );
}

/// <reference lib="dom" />
/**
 * The leaderboard's charts, drawn by Chart.js on canvases: μ and the win
 * rate with their 95% intervals (floating bars, the point value marked),
 * win rate per role (an interval bar per agent and role), the rating over
 * games (a line per agent, `ratingHistory` as given) and cost against win
 * rate (a scatter). Every chart has `data-chart` (its name) and, once
 * drawn, `data-series` (its datasets) on its canvas.
 * @module
 */
import type { ChartConfiguration } from "chart.js";
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Locale, Results } from "../src/mod.ts";
import { roleName, t } from "./i18n.ts";
import { Chart, CHART_BASE, ChartBox, followTheme } from "./_charts.tsx";
import {
  agentColor,
  boardRows,
  costPoints,
  historyLines,
  roleTable,
} from "./leaderboard_model.ts";

/** A chart's configuration (any of the kinds drawn here). */
type Config = ChartConfiguration<"bar" | "line" | "scatter">;

/** One canvas drawn from `config`, redrawn when `config` changes. */
function ChartCanvas(
  props: { name: string; label: string; config: Config },
): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    followTheme({ grid: true });
    const chart = new Chart(canvas.current, props.config);
    canvas.current.dataset.series = String(props.config.data.datasets.length);
    return () => chart.destroy();
  }, [props.config]);
  return <ChartBox canvas={canvas} name={props.name} label={props.label} />;
}

/** A chart under its caption `title` (also its accessible name), then `children`. */
function ChartFigure(
  props: {
    name: string;
    title: string;
    config: Config;
    children?: ComponentChildren;
  },
): JSX.Element {
  return (
    <figure>
      <figcaption>{props.title}</figcaption>
      <ChartCanvas
        name={props.name}
        label={props.title}
        config={props.config}
      />
      {props.children}
    </figure>
  );
}

/** The interval chart of each ranked agent: `[low, high]` and the point. */
function intervalConfig(
  agents: string[],
  points: (number | null)[],
  bounds: ([number, number] | null)[],
  labels: { point: string; interval: string; percent: boolean; locale: Locale },
): Config {
  const colors = agents.map((_, i) => agentColor(i));
  const scale = labels.percent ? { min: 0, max: 1 } : {};
  return {
    type: "bar",
    data: {
      labels: agents,
      datasets: [
        {
          type: "bar",
          label: labels.interval,
          data: bounds as unknown as number[],
          backgroundColor: colors.map((c) => `${c}55`),
          borderColor: colors,
          borderWidth: 1,
        },
        {
          type: "line",
          label: labels.point,
          data: points as number[],
          showLine: false,
          indexAxis: "y",
          pointRadius: 6,
          pointStyle: "rectRot",
          backgroundColor: colors,
          borderColor: colors,
        },
      ],
    },
    options: {
      ...CHART_BASE,
      locale: labels.locale,
      indexAxis: "y",
      scales: { x: { type: "linear", ...scale } },
    },
  } as Config;
}

/** The charts of `results`, in `locale`. */
export function BoardCharts(
  props: { results: Results; locale: Locale },
): JSX.Element {
  const { results, locale } = props;
  const base = { ...CHART_BASE, locale }; // the axes' numbers in the view's language
  const rows = boardRows(results);
  const agents = rows.map((r) => r.agent);
  const roles = roleTable(results);
  const history = historyLines(results);
  const costs = costPoints(results);
  const rating = intervalConfig(
    agents,
    rows.map((r) => r.mu),
    rows.map((r) => [r.low, r.high]),
    {
      point: t(locale, "board.mu"),
      interval: t(locale, "board.interval"),
      percent: false,
      locale,
    },
  );
  const winRate = intervalConfig(
    agents,
    rows.map((r) => r.win.rate),
    rows.map((r) =>
      r.win.low === null || r.win.high === null ? null : [r.win.low, r.win.high]
    ),
    {
      point: t(locale, "board.winrate"),
      interval: t(locale, "board.interval"),
      percent: true,
      locale,
    },
  );
  const byRole = {
    type: "bar",
    data: {
      labels: roles.roles.map((role) => roleName(locale, role)),
      datasets: roles.agents.map(({ agent, byRole }, i) => ({
        label: agent,
        data: roles.roles.map((role) => {
          const stat = byRole[role];
          return stat?.low == null || stat.high == null
            ? null
            : [stat.low, stat.high];
        }),
        backgroundColor: `${agentColor(i)}88`,
        borderColor: agentColor(i),
        borderWidth: 1,
      })),
    },
    options: { ...base, scales: { y: { min: 0, max: 1 } } },
  } as unknown as Config;
  const lines: Config = {
    type: "line",
    data: {
      labels: history.games,
      datasets: history.lines.map(({ agent, mu }, i) => ({
        label: agent,
        data: mu,
        borderColor: agentColor(i),
        backgroundColor: agentColor(i),
        pointRadius: 0,
        borderWidth: 2,
      })),
    },
    options: {
      ...base,
      scales: {
        x: { title: { display: true, text: t(locale, "board.history.axis") } },
        y: { title: { display: true, text: t(locale, "board.mu") } },
      },
    },
  };
  const cost: Config = {
    type: "scatter",
    data: {
      datasets: costs.map((point) => {
        const i = agents.indexOf(point.agent);
        return {
          label: point.agent,
          data: [{ x: point.winRate, y: point.usd }],
          backgroundColor: agentColor(i),
          pointRadius: 6,
        };
      }),
    },
    options: {
      ...base,
      scales: {
        x: {
          min: 0,
          max: 1,
          title: { display: true, text: t(locale, "board.winrate") },
        },
        y: {
          min: 0,
          title: { display: true, text: t(locale, "board.cost.axis") },
        },
      },
    },
  };
  return (
    <div class="charts">
      <ChartFigure
        name="rating"
        title={t(locale, "board.chart.rating")}
        config={rating}
      />
      <ChartFigure
        name="winrate"
        title={t(locale, "board.chart.winrate")}
        config={winRate}
      />
      <ChartFigure
        name="roles"
        title={t(locale, "board.roles.title")}
        config={byRole}
      />
      <ChartFigure
        name="history"
        title={t(locale, "board.history.title")}
        config={lines}
      />
      <ChartFigure
        name="cost"
        title={t(locale, "board.cost.title")}
        config={cost}
      >
        {costs.length === 0 && (
          <p class="hint" id="cost-none">{t(locale, "board.cost.none")}</p>
        )}
      </ChartFigure>
    </div>
  );
}

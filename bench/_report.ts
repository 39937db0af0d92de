/**
 * The benchmark's report: per scenario and server, the mean of each figure
 * over the rounds with its spread, the ratios to the peer and to the raw
 * Deno limit, and each target with whether it holds.
 * @module
 */

/** Every round's result, by scenario, then by server. */
export type Results = Record<
  string,
  Record<string, Record<string, number | string>[]>
>;

/** One figure of the table. */
export interface Figure {
  scenario: string;
  /** The field in the load scripts' JSON. */
  field: string;
  label: string;
  /** `higher` or `lower` is better. */
  better: "higher" | "lower";
  /** A target as a ratio to the peer (ours/peer), if any. */
  peerTarget?: number;
  /** A target as a ratio to the raw limit (ours/raw), if any. */
  rawTarget?: number;
  /** A target as an absolute bound on ours, if any. */
  bound?: number;
  /** A target as a ratio in {@linkcode pairTable} (ours / other), if any. */
  pairTarget?: number;
}

/**
 * A row of a figure table as written: the field, its label, which way is
 * better, and optionally the target ratio of a pair table
 * ({@linkcode Figure.pairTarget}).
 */
export type FigureRow = readonly [
  field: string,
  label: string,
  better: "higher" | "lower",
  pairTarget?: number,
];

/** The figures of `scenario`, one per row, in order. */
export function figuresOf(
  scenario: string,
  rows: readonly FigureRow[],
): Figure[] {
  return rows.map(([field, label, better, pairTarget]) => ({
    scenario,
    field,
    label,
    better,
    ...(pairTarget === undefined ? {} : { pairTarget }),
  }));
}

/** Mean and spread ((max - min) / mean) of a field over rounds. */
export function meanOf(
  rounds: Record<string, number | string>[] | undefined,
  field: string,
): { mean: number; spread: number } | null {
  const values = (rounds ?? []).map((r) => Number(r[field])).filter(
    Number.isFinite,
  );
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = mean === 0
    ? 0
    : (Math.max(...values) - Math.min(...values)) / mean;
  return { mean, spread };
}

function show(value: { mean: number; spread: number } | null): string {
  if (value === null) return "-";
  const { mean, spread } = value;
  const text = mean >= 1000
    ? Math.round(mean).toLocaleString("en-US")
    : mean >= 10
    ? mean.toFixed(1)
    : mean.toFixed(2);
  return spread > 0 ? `${text} ±${Math.round(spread * 50)}%` : text;
}

/** The table, as Markdown, with a verdict per target. */
export function table(results: Results, figures: Figure[]): string {
  const lines = [
    "| scenario | figure | ours | peer (Node + ws) | raw Deno | ours / peer | ours / raw | target | |",
    "|---|---|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const f of figures) {
    const rounds = results[f.scenario] ?? {};
    const ours = meanOf(rounds.ours, f.field);
    const peer = meanOf(rounds.peer, f.field);
    const raw = meanOf(rounds.raw, f.field);
    const ratio = (other: typeof peer) =>
      ours && other && other.mean !== 0 ? ours.mean / other.mean : null;
    const toPeer = ratio(peer);
    const toRaw = ratio(raw);
    const targets: string[] = [];
    let ok = true;
    const sign = f.better === "higher" ? "≥" : "≤";
    const holds = (value: number | null, target: number) =>
      value !== null &&
      (f.better === "higher" ? value >= target : value <= target);
    if (f.peerTarget !== undefined) {
      targets.push(`${sign} ${f.peerTarget}× peer`);
      ok &&= holds(toPeer, f.peerTarget);
    }
    if (f.rawTarget !== undefined) {
      targets.push(`${sign} ${f.rawTarget}× raw`);
      ok &&= holds(toRaw, f.rawTarget);
    }
    if (f.bound !== undefined) {
      targets.push(`${sign} ${f.bound}`);
      ok &&= holds(ours?.mean ?? null, f.bound);
    }
    const verdict = targets.length === 0 ? "" : ok ? "met" : "**missed**";
    lines.push(
      `| ${f.scenario} | ${f.label} | ${show(ours)} | ${show(peer)} | ${
        show(raw)
      } | ${toPeer === null ? "-" : `${toPeer.toFixed(2)}×`} | ${
        toRaw === null ? "-" : `${toRaw.toFixed(2)}×`
      } | ${targets.join(", ")} | ${verdict} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Ours next to another run of our own server, per figure, as Markdown:
 * `front` (ours behind the ConnectionFront; the ratio front / ours is the
 * front's cost), `metered` (ours with the metrics observer; the ratio
 * metered / ours is the metrics' cost), `base` (our server at the baseline git ref `ref`; the
 * ratio is ours / baseline) or `full` (the arena scenario's agents sending
 * the whole log in every prompt; the ratio is ours / full) or `spectator`
 * (the lobby scenario's page watching a game; the ratio is lobby /
 * spectator). `top` compares another side than ours (the lobby scenario's
 * `presence`, `hub.events` with its default presence) with `other`. Figures
 * with a `pairTarget` add a target column and whether it holds.
 */
export function pairTable(
  results: Results,
  figures: Figure[],
  opts: {
    other: "front" | "metered" | "base" | "full" | "direct" | "spectator";
    ref?: string;
    top?: "presence";
  },
): string {
  const front = opts.other === "front" || opts.other === "metered";
  const targeted = figures.some((f) => f.pairTarget !== undefined);
  const header = {
    front: "| scenario | figure | ours | ours + front | front / ours |",
    metered: "| scenario | figure | ours | ours + metrics | metered / ours |",
    base: `| scenario | figure | ${
      opts.top ?? "ours"
    } | baseline (${opts.ref}) | ours / baseline |`,
    full: "| scenario | figure | ours (compact) | full log | ours / full |",
    direct: "| scenario | figure | runner | direct | runner / direct |",
    spectator: opts.top === undefined
      ? "| scenario | figure | lobby | spectator | lobby / spectator |"
      : `| scenario | figure | ${opts.top} | spectator | ${opts.top} / spectator |`,
  }[opts.other];
  const lines = [
    `${header}${targeted ? " target | |" : ""}`,
    `|---|---|---:|---:|---:|${targeted ? "---|---|" : ""}`,
  ];
  for (const f of figures) {
    const rounds = results[f.scenario] ?? {};
    const ours = meanOf(rounds[opts.top ?? "ours"], f.field);
    const other = meanOf(rounds[opts.other], f.field);
    const [top, bottom] = front ? [other, ours] : [ours, other];
    const value = top && bottom && bottom.mean !== 0
      ? top.mean / bottom.mean
      : null;
    const ratio = value === null ? "-" : `${value.toFixed(2)}×`;
    let target = "";
    if (targeted && f.pairTarget !== undefined) {
      const holds = value !== null &&
        (f.better === "higher" ? value >= f.pairTarget : value <= f.pairTarget);
      const sign = f.better === "higher" ? "≥" : "≤";
      target = ` ${sign} ${f.pairTarget}× | ${holds ? "met" : "**missed**"} |`;
    } else if (targeted) target = "  | |";
    lines.push(
      `| ${f.scenario} | ${f.label} | ${show(ours)} | ${
        show(other)
      } | ${ratio} |${target}`,
    );
  }
  return lines.join("\n");
}

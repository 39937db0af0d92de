/**
 * How `deno task tournament` shows its progress: one line rewritten in
 * place on a terminal, a line every 5% of the games (and at each failure)
 * otherwise, or with `--json` one JSON object per event on stdout. The
 * first game the server refuses for want of room gets a line; later ones
 * do not (they wait the same way).
 * @module
 */
import type { ProgressEvent } from "../run.ts";

/** `1h 02m`, `3m 07s`, `12s`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}h ${two(m)}m` : m > 0 ? `${m}m ${two(sec)}s` : `${sec}s`;
}

/** The progress line of `event`: `12/200 games, ETA 1m 03s, 0 errors`. */
export function progressLine(event: ProgressEvent): string {
  const eta = event.etaMs === null ? "ETA –" : `ETA ${duration(event.etaMs)}`;
  return `${event.done}/${event.total} games, ${eta}, ${event.errors} error${
    event.errors === 1 ? "" : "s"
  }`;
}

/** Where the progress goes, and how. */
export interface ProgressSink {
  /** Writes a line of JSON (stdout). */
  json?: (line: string) => void;
  /** Writes text to the progress stream (stderr), no newline added. */
  text: (chunk: string) => void;
  /** Whether the progress stream is a terminal (rewrite the line). */
  terminal: boolean;
}

/** A progress handler for `sink`. */
export function progressReporter(
  sink: ProgressSink,
): (event: ProgressEvent) => void {
  let shown = -1;
  let waited = false;
  return (event) => {
    if (sink.json !== undefined) {
      sink.json(JSON.stringify(event));
      return;
    }
    if (event.type === "resumed") {
      sink.text(
        event.done === 0
          ? `tournament ${event.tournamentId}: ${event.total} games\n`
          : `tournament ${event.tournamentId}: resuming, ${event.done} of ${event.total} games already ended\n`,
      );
      return;
    }
    if (event.type === "waiting") {
      if (waited) return;
      waited = true;
      sink.text(
        `${sink.terminal ? "\r\x1b[2K" : ""}game #${
          (event.index ?? 0) + 1
        } waits for room on the server, asked for again until it is taken (so will any other game the server refuses): ${event.message}\n`,
      );
      return;
    }
    if (event.type === "failed") {
      sink.text(
        `${sink.terminal ? "\r\x1b[2K" : ""}game #${
          (event.index ?? 0) + 1
        } failed (played again): ${event.message}\n`,
      );
    }
    if (sink.terminal) {
      sink.text(`\r\x1b[2K${progressLine(event)}`);
      if (event.type === "done") sink.text("\n");
      return;
    }
    const step = Math.max(1, Math.ceil(event.total / 20));
    const bucket = Math.floor(event.done / step);
    if (event.type === "done" || (event.type === "ended" && bucket > shown)) {
      shown = bucket;
      sink.text(`${progressLine(event)}\n`);
    }
  };
}

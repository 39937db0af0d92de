import type { GameEvent } from "../contract/mod.ts";
import { redact } from "./redact.ts";
import type { GameState, Viewer } from "./types.ts";

/**
 * The global `seq` of each event of `log` that `viewer` may see (as
 * `redact` decides with `state`, without `revealEnded`), ascending: the
 * viewer's own numbering. The k-th event it sees (k from 1) has its
 * viewer seq k, so its numbers are contiguous and a gap counts nothing
 * hidden. For the god view, every seq (its numbering is the global one).
 */
export function visibleSeqs(
  log: readonly GameEvent[],
  state: GameState,
  viewer: Viewer,
): number[] {
  const seqs: number[] = [];
  for (const event of log) {
    if (redact(state, event, viewer) !== null) seqs.push(event.seq);
  }
  return seqs;
}

/**
 * A viewer's seq of the event with global seq `seq`: how many of its
 * `visible` seqs (ascending, from {@linkcode visibleSeqs}) are ≤ `seq`
 * (0 when none). O(log n).
 */
export function viewerSeqOf(visible: readonly number[], seq: number): number {
  let low = 0;
  let high = visible.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((visible[mid] as number) <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The events of `log` that `viewer` may see, redacted with `state` and
 * numbered 1, 2, 3… in its own sequence: what its `game.events` replays
 * from the start.
 */
export function viewerLog(
  log: readonly GameEvent[],
  state: GameState,
  viewer: Viewer,
): GameEvent[] {
  const seen: GameEvent[] = [];
  for (const event of log) {
    const redacted = redact(state, event, viewer);
    if (redacted !== null) seen.push(numbered(redacted, seen.length + 1));
  }
  return seen;
}

/** `event` numbered with `seq` (the same object when it already is). */
export function numbered<E extends GameEvent>(event: E, seq: number): E {
  return event.seq === seq ? event : { ...event, seq };
}

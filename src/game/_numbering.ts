import type { GameEvent } from "../contract/mod.ts";
import {
  type GameState,
  redact,
  type Viewer,
  viewerSeqOf,
  visibleSeqs,
} from "../engine/mod.ts";

/** One viewer's numbering: the global seqs it sees, ascending. */
type View = { viewer: Viewer; seqs: number[] };

/**
 * The key of a viewer's numbering and view (an observer or a ui is the
 * public): viewers with one key see the same events, numbered alike.
 */
export function keyOf(viewer: Viewer): string {
  return viewer.kind === "player" ? `player:${viewer.player_id}` : viewer.kind;
}

/**
 * Each viewer's own contiguous numbering of a game's log (see
 * `visibleSeqs`): computed from the log on first use, then extended with
 * every new event (O(viewers) per event: the public and each seat). The god
 * view's numbering is the global seq itself.
 */
export class Numbering {
  #views = new Map<string, View>();
  #game: () => { log: readonly GameEvent[]; state: GameState };

  /** `game` reads the log and the current state. */
  constructor(game: () => { log: readonly GameEvent[]; state: GameState }) {
    this.#game = game;
  }

  /**
   * The global seqs `viewer` sees, ascending: its k-th event has global seq
   * `seqs[k - 1]`. Null for the god view (its numbering is the global one).
   */
  seqsOf(viewer: Viewer): readonly number[] | null {
    if (viewer.kind === "god") return null;
    const key = keyOf(viewer);
    let view = this.#views.get(key);
    if (view === undefined) {
      const { log, state } = this.#game();
      view = { viewer, seqs: visibleSeqs(log, state, viewer) };
      this.#views.set(key, view);
    }
    return view.seqs;
  }

  /**
   * Extends every known numbering with `event`, `state` the state after it;
   * `seen` is told each view that sees it (its key, what it sees of the
   * event and its seq in that view), so the caller redacts nothing again.
   */
  append(
    event: GameEvent,
    state: GameState,
    seen?: (key: string, event: GameEvent, seq: number) => void,
  ): void {
    for (const [key, view] of this.#views) {
      const visible = redact(state, event, view.viewer);
      if (visible === null) continue;
      view.seqs.push(event.seq);
      seen?.(key, visible, view.seqs.length);
    }
  }

  /** `viewer`'s seq of the event with global seq `seq` (0: it saw none). */
  viewerSeq(viewer: Viewer, seq: number): number {
    const seqs = this.seqsOf(viewer);
    return seqs === null ? seq : viewerSeqOf(seqs, seq);
  }

  /**
   * The global seq of `viewer`'s event number `viewerSeq` (from 1), or null
   * when it has not seen that many.
   */
  globalSeq(viewer: Viewer, viewerSeq: number): number | null {
    const seqs = this.seqsOf(viewer);
    const count = seqs === null ? this.#game().log.length : seqs.length;
    if (!Number.isSafeInteger(viewerSeq) || viewerSeq < 1) return null;
    if (viewerSeq > count) return null;
    return seqs === null ? viewerSeq : seqs[viewerSeq - 1] as number;
  }

  /**
   * Where a subscription of `viewer` resuming after its own seq
   * `lastEventId` starts: the log index `from` and how many events it saw
   * before (`seen`). Not a positive integer: from the start; beyond what
   * the viewer has seen: only live events.
   */
  resume(
    viewer: Viewer,
    lastEventId: string | null | undefined,
  ): { from: number; seen: number } {
    const after = Number(lastEventId ?? 0);
    if (!Number.isSafeInteger(after) || after <= 0) return { from: 0, seen: 0 };
    const seq = this.globalSeq(viewer, after);
    if (seq !== null) return { from: seq, seen: after };
    const { log } = this.#game();
    return {
      from: log.length,
      seen: this.seqsOf(viewer)?.length ?? log.length,
    };
  }
}

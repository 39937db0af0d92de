import type { GameEvent } from "../contract/mod.ts";
import {
  type GameState,
  numbered,
  redact,
  type Viewer,
  viewerLog,
} from "../engine/mod.ts";
import type { Mailbox } from "../kit/mod.ts";

/**
 * A game event as a subscriber gets it: redacted and numbered for its
 * viewer. Frozen (`event` too) when one object stands for several
 * subscribers (the live fan-out to a view with more than one), so the
 * transport serializes it once; a view's only subscriber gets its own
 * unfrozen copy (freezing it, and the transport's cache of a frozen
 * value's text, would cost and never be used), and nothing else holds it.
 */
export interface Delivery {
  /** The event's seq for this viewer, as a string: resume after it. */
  readonly id: string;
  /** The event, its `seq` the viewer's own. */
  readonly event: GameEvent;
}

/** A live event with the state right after it: what its viewers may see then. */
export type Live = { event: GameEvent; state: GameState };

/**
 * A subscription's deliveries, in order; `return()` ends it (what `for
 * await` calls when the loop stops early).
 */
export interface DeliveryStream
  extends AsyncIterableIterator<Delivery, void, undefined> {
  /** Ends the stream and frees its place in the room. */
  return(): Promise<IteratorResult<Delivery, void>>;
  /**
   * The next delivery at once when one is ready (the backlog, or queued by
   * the fan-out), with no promise; undefined when `next()` must wait. The
   * WebSocket adapter's pump reads a `poll` method like this one first.
   */
  poll(): IteratorResult<Delivery, void> | undefined;
}

/**
 * What `viewer` may see of `event` (`state`: the state right after it, or
 * any later one: visibility never changes), numbered `seq` in the viewer's
 * own sequence, frozen; null when it may see nothing of it: what a
 * backlog replays, one event for one viewer. The live fan-out
 * (`_audiences.ts`) gets the same result once per distinct view of an
 * event (the public, each seat, the god view), not once per subscriber:
 * the numbering's `redact`, then {@linkcode deliveryOf}.
 */
export function viewOfEvent(
  event: GameEvent,
  opts: { state: GameState; viewer: Viewer; seq: number },
): Delivery | null {
  const seen = redact(opts.state, event, opts.viewer);
  return seen === null ? null : deliveryOf(seen, opts.seq);
}

/**
 * `seen` (an event already redacted for its viewer) numbered `seq`: frozen,
 * or with `shared: false` (one subscriber gets it) a fresh unfrozen copy
 * (`seen` itself, already frozen, when its seq is already `seq`).
 */
export function deliveryOf(
  seen: GameEvent,
  seq: number,
  options: { shared?: boolean } = {},
): Delivery {
  if (options.shared === false) {
    return { id: String(seq), event: numbered(seen, seq) };
  }
  const event = Object.freeze(numbered(seen, seq));
  return Object.freeze({ id: String(seq), event });
}

/**
 * A subscription's stream: the backlog redacted with the state `now`, then
 * what the room's fan-out queues in `mailbox` (each event already viewed),
 * the backlog numbered in the viewer's own sequence from `seen + 1` (`seen`:
 * how many events the viewer saw before the backlog); `release` runs once
 * when the stream ends. One object, no generator: a queued delivery is
 * one resolved promise, or none through `poll`.
 */
export function deliveries(
  opts: {
    backlog: readonly GameEvent[];
    seen: number;
    now: GameState;
    mailbox: Mailbox<Delivery>;
    viewer: Viewer;
    release: () => void;
  },
): DeliveryStream {
  return new Stream(opts);
}

class Stream implements DeliveryStream {
  #backlog: readonly GameEvent[];
  #next = 0;
  #count: number;
  #now: GameState;
  #viewer: Viewer;
  #mailbox: Mailbox<Delivery>;
  #release: (() => void) | null;

  constructor(opts: Parameters<typeof deliveries>[0]) {
    this.#backlog = opts.backlog;
    this.#count = opts.seen;
    this.#now = opts.now;
    this.#viewer = opts.viewer;
    this.#mailbox = opts.mailbox;
    this.#release = opts.release;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  poll(): IteratorResult<Delivery, void> | undefined {
    while (this.#next < this.#backlog.length) {
      const event = this.#backlog[this.#next++]!;
      const state = this.#now;
      const seq = this.#count + 1;
      const delivery = viewOfEvent(event, { state, viewer: this.#viewer, seq });
      if (delivery === null) continue;
      this.#count = seq;
      return { done: false, value: delivery };
    }
    return this.#mailbox.poll();
  }

  next(): Promise<IteratorResult<Delivery, void>> {
    const ready = this.poll();
    if (ready !== undefined) return Promise.resolve(ready);
    return this.#mailbox.next().then((result) => {
      if (result.done) this.#end();
      return result;
    });
  }

  return(): Promise<IteratorResult<Delivery, void>> {
    this.#backlog = [];
    this.#end();
    return Promise.resolve({ done: true, value: undefined });
  }

  #end(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}

/**
 * `viewer`'s transcript: an ended game's complete log (every event, every
 * secret, its global seq: `redact` with `revealEnded`) for everyone, or a
 * running game's events it may see, numbered 1, 2, 3… in its own sequence.
 */
export function transcriptOf(
  log: readonly GameEvent[],
  state: GameState,
  viewer: Viewer,
): GameEvent[] {
  if (state.winner === null) return viewerLog(log, state, viewer);
  return log.map((event) => redact(state, event, viewer, { revealEnded: true }))
    .filter((event) => event !== null);
}

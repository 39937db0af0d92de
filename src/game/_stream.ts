import type { GameEvent } from "../contract/mod.ts";
import { type GameState, redact, type Viewer } from "../engine/mod.ts";
import type { Mailbox } from "../hub/mod.ts";

/** A game event as a subscriber gets it: redacted for its viewer. */
export interface Delivery {
  /** The event's sequence number, as a string: resume after it. */
  id: string;
  /** The event. */
  event: GameEvent;
}

/** A live event with the state right after it: what its viewers may see then. */
export type Live = { event: GameEvent; state: GameState };

/**
 * A subscription's stream: the backlog redacted with the state `now`, then
 * the live events, each redacted with the state right after it; `release`
 * runs when the stream ends.
 */
export function deliveries(
  opts: {
    backlog: readonly GameEvent[];
    now: GameState;
    mailbox: Mailbox<Live>;
    viewer: Viewer;
    release: () => void;
  },
): AsyncGenerator<Delivery, void, undefined> {
  const { backlog, now, mailbox, viewer, release } = opts;
  const see = (event: GameEvent, state: GameState): Delivery | null => {
    const seen = redact(state, event, viewer);
    return seen === null ? null : { id: String(event.seq), event: seen };
  };
  return (async function* () {
    try {
      for (const event of backlog) {
        const delivery = see(event, now);
        if (delivery !== null) yield delivery;
      }
      yield* mailbox.drain(({ event, state }) => see(event, state));
    } finally {
      release();
    }
  })();
}

/** The events of `log` that `viewer` may see, redacted with `state`. */
export function redactedLog(
  log: readonly GameEvent[],
  state: GameState,
  viewer: Viewer,
): GameEvent[] {
  const seen: GameEvent[] = [];
  for (const event of log) {
    const redacted = redact(state, event, viewer);
    if (redacted !== null) seen.push(redacted);
  }
  return seen;
}

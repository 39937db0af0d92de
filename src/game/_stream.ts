import type { GameEvent } from "../contract/mod.ts";
import {
  type GameState,
  numbered,
  redact,
  type Viewer,
  viewerLog,
} from "../engine/mod.ts";
import type { Mailbox } from "../kit/mod.ts";

/** A game event as a subscriber gets it: redacted and numbered for its viewer. */
export interface Delivery {
  /** The event's seq for this viewer, as a string: resume after it. */
  id: string;
  /** The event, its `seq` the viewer's own. */
  event: GameEvent;
}

/** A live event with the state right after it: what its viewers may see then. */
export type Live = { event: GameEvent; state: GameState };

/**
 * A subscription's stream: the backlog redacted with the state `now`, then
 * the live events, each redacted with the state right after it, numbered
 * in the viewer's own sequence from `seen + 1` (`seen`: how many events
 * the viewer saw before the backlog); `release` runs when the stream ends.
 */
export function deliveries(
  opts: {
    backlog: readonly GameEvent[];
    seen: number;
    now: GameState;
    mailbox: Mailbox<Live>;
    viewer: Viewer;
    release: () => void;
  },
): AsyncGenerator<Delivery, void, undefined> {
  const { backlog, now, mailbox, viewer, release } = opts;
  let count = opts.seen;
  const see = (event: GameEvent, state: GameState): Delivery | null => {
    const seen = redact(state, event, viewer);
    if (seen === null) return null;
    count++;
    return { id: String(count), event: numbered(seen, count) };
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

/**
 * Gives `live` to every subscriber; one too far behind is aborted and
 * dropped (it resumes with `lastEventId`).
 */
export function pushAll(
  subscribers: Set<Mailbox<Live>>,
  live: readonly Live[],
): void {
  for (const mailbox of subscribers) {
    for (const item of live) {
      if (!mailbox.push(item)) {
        mailbox.abort();
        subscribers.delete(mailbox);
        break;
      }
    }
  }
}

import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { GameEvent } from "../contract/mod.ts";
import type { DeliveryStream } from "../game/mod.ts";

/** Tracked game events; `poll` as the room's `DeliveryStream.poll`. */
export interface TrackedStream
  extends AsyncIterableIterator<TrackedEnvelope<GameEvent>, void, undefined> {
  poll(): IteratorResult<TrackedEnvelope<GameEvent>, void> | undefined;
}

/**
 * A room's deliveries as tRPC's tracked values (`id`: the viewer's own
 * seq), without a generator of its own: each `next` (or `poll`, what is
 * ready at once) maps the stream's result, `return` ends the stream.
 */
export function trackedStream(
  stream: DeliveryStream,
): TrackedStream {
  const map = (
    result: IteratorResult<{ id: string; event: GameEvent }, void>,
  ): IteratorResult<TrackedEnvelope<GameEvent>, void> =>
    result.done ? result : {
      done: false,
      value: tracked(result.value.id, result.value.event),
    };
  const iterator: TrackedStream = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => stream.next().then(map),
    return: () => stream.return().then(map),
    poll: () => {
      const ready = stream.poll();
      return ready === undefined ? undefined : map(ready);
    },
  };
  return iterator;
}

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
 * `onEnd` is called once, when the stream ends or is returned.
 */
export function trackedStream(
  stream: DeliveryStream,
  options: { onEnd?: () => void } = {},
): TrackedStream {
  let onEnd = options.onEnd;
  const end = (): void => {
    const told = onEnd;
    onEnd = undefined;
    told?.();
  };
  const map = (
    result: IteratorResult<{ id: string; event: GameEvent }, void>,
  ): IteratorResult<TrackedEnvelope<GameEvent>, void> => {
    if (result.done) {
      end();
      return result;
    }
    return { done: false, value: tracked(result.value.id, result.value.event) };
  };
  const iterator: TrackedStream = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => stream.next().then(map),
    return: () => {
      end();
      return stream.return().then(map);
    },
    poll: () => {
      const ready = stream.poll();
      return ready === undefined ? undefined : map(ready);
    },
  };
  return iterator;
}

import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { GameEvent } from "../contract/mod.ts";
import type { DeliveryStream } from "../game/mod.ts";

/**
 * A room's deliveries as tRPC's tracked values (`id`: the viewer's own
 * seq), without a generator of its own: each `next` maps the stream's
 * result, `return` ends the stream (the subscription stopped).
 */
export function trackedStream(
  stream: DeliveryStream,
): AsyncIterableIterator<TrackedEnvelope<GameEvent>, void, undefined> {
  const map = (
    result: IteratorResult<{ id: string; event: GameEvent }, void>,
  ): IteratorResult<TrackedEnvelope<GameEvent>, void> =>
    result.done ? result : {
      done: false,
      value: tracked(result.value.id, result.value.event),
    };
  const iterator: AsyncIterableIterator<
    TrackedEnvelope<GameEvent>,
    void,
    undefined
  > = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => stream.next().then(map),
    return: () => stream.return().then(map),
  };
  return iterator;
}

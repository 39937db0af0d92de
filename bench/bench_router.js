// @ts-check
/**
 * The benchmark's minimal router, written once in plain JavaScript so that
 * our Deno server and the Node peer serve exactly the same code. Each side
 * passes in its own copy of tRPC, zod and superjson.
 *
 * - `echo` (mutation): returns its input, validated by zod.
 * - `publish` (mutation): hands its input, one object, to every `feed`
 *   subscriber and says how many there were.
 * - `feed` (subscription): yields every published event, `tracked` by its
 *   sequence number, from a bounded per-subscriber queue.
 * @module
 */

const QUEUE_LIMIT = 100_000;

/**
 * Builds the router.
 * @param {{ initTRPC: any, tracked: any, z: any, superjson: any }} deps
 * @returns {any} the router
 */
export function createBenchRouter(deps) {
  const { initTRPC, tracked, z, superjson } = deps;
  const t = initTRPC.create({ transformer: superjson });
  /** @type {Set<(event: unknown) => void>} */
  const subscribers = new Set();
  const Event = z.object({ seq: z.number(), t: z.number(), text: z.string() });
  return t.router({
    echo: t.procedure
      .input(z.object({ n: z.number(), text: z.string() }))
      .mutation((/** @type {{ input: unknown }} */ { input }) => input),
    publish: t.procedure
      .input(Event)
      .mutation((/** @type {{ input: unknown }} */ { input }) => {
        // frozen: one event object shared by every subscriber, never changed
        Object.freeze(input);
        for (const push of subscribers) push(input);
        return { delivered: subscribers.size };
      }),
    feed: t.procedure.subscription(
      async function* (/** @type {{ signal?: AbortSignal }} */ { signal }) {
        /** @type {any[]} */
        let queue = [];
        /** @type {(() => void) | null} */
        let wake = null;
        /** @param {any} event */
        const push = (event) => {
          if (queue.length < QUEUE_LIMIT) queue.push(event);
          const w = wake;
          wake = null;
          w?.();
        };
        const stop = () => {
          const w = wake;
          wake = null;
          w?.();
        };
        subscribers.add(push);
        signal?.addEventListener("abort", stop, { once: true });
        try {
          while (!signal?.aborted) {
            if (queue.length === 0) {
              await new Promise((resolve) => (wake = () => resolve(null)));
              continue;
            }
            const batch = queue;
            queue = [];
            for (const event of batch) {
              yield tracked(String(event.seq), event);
            }
          }
        } finally {
          subscribers.delete(push);
          signal?.removeEventListener("abort", stop);
        }
      },
    ),
  });
}

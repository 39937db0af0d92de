/**
 * One blocked `XREAD` per instance, on its own connection, over every
 * stream the instance reads: its inbox, its replies, its wake-up stream and
 * the event streams of every game it follows — one call for all of them,
 * not one blocked connection per game. While Redis is away it retries.
 * @module
 */

/** One stream entry: its id and its fields. */
export interface Entry {
  id: string;
  fields: Record<string, string>;
}

/** What the reader needs of a Redis connection of its own. */
export interface BlockingConnection {
  sendCommand(args: string[]): Promise<unknown>;
  destroy(): void;
}

/** How long one XREAD blocks, in ms (a new stream also wakes it at once). */
export const BLOCK_MS = 1000;

/** How long the reader waits before asking again when Redis failed, in ms. */
export const RETRY_MS = 250;

/** Entries per stream per call. */
const COUNT = 500;

interface Tailed {
  id: string;
  onEntries: (entries: Entry[]) => void;
}

/**
 * The entries of a raw XREAD reply, by stream: an array of `[name,
 * entries]` (RESP2), or a map of name to entries (RESP3), or null.
 */
function parse(reply: unknown): [string, Entry[]][] {
  if (reply === null || typeof reply !== "object") return [];
  const streams: [unknown, unknown[]][] = Array.isArray(reply)
    ? reply
    : reply instanceof Map
    ? [...reply.entries()]
    : Object.entries(reply);
  return streams.map(([name, raw]) => [
    String(name),
    raw.map((item) => {
      const [id, flat] = item as [unknown, unknown[]];
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) {
        fields[String(flat[i])] = String(flat[i + 1]);
      }
      return { id: String(id), fields };
    }),
  ]);
}

/** The reader (see the module's doc). */
export class StreamTail {
  #connection: BlockingConnection;
  #streams = new Map<string, Tailed>();
  #closed = false;
  #loop: Promise<void>;
  #wake: () => void;
  #idle: (() => void) | null = null;

  /** `wake` makes the blocked XREAD return (an XADD to a stream it reads). */
  constructor(connection: BlockingConnection, wake: () => void) {
    this.#connection = connection;
    this.#wake = wake;
    this.#loop = this.#run();
  }

  /** How many streams it reads. */
  get size(): number {
    return this.#streams.size;
  }

  /**
   * Reads `key` after entry `id` from now on; `onEntries` gets every new
   * batch in order. `wake`: interrupt the XREAD in progress (a stream the
   * instance needs at once, such as a game's log).
   */
  add(
    key: string,
    id: string,
    onEntries: (entries: Entry[]) => void,
    wake = true,
  ): void {
    this.#streams.set(key, { id, onEntries });
    this.#idle?.();
    if (wake) this.#wake();
  }

  /** Stops reading `key`. */
  remove(key: string): void {
    this.#streams.delete(key);
  }

  /** Stops the reader and closes its connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#idle?.();
    this.#connection.destroy();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      if (this.#streams.size === 0) {
        await new Promise<void>((resolve) => this.#idle = resolve);
        this.#idle = null;
        continue;
      }
      const keys = [...this.#streams.keys()];
      const ids = keys.map((key) => this.#streams.get(key)!.id);
      let reply: unknown;
      try {
        reply = await this.#connection.sendCommand([
          "XREAD",
          "COUNT",
          String(COUNT),
          "BLOCK",
          String(BLOCK_MS),
          "STREAMS",
          ...keys,
          ...ids,
        ]);
      } catch {
        if (this.#closed) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      for (const [key, entries] of parse(reply)) {
        const tailed = this.#streams.get(key);
        if (tailed === undefined || entries.length === 0) continue;
        tailed.id = entries.at(-1)!.id;
        try {
          tailed.onEntries(entries);
        } catch {
          // a reader's own failure must not stop the others
        }
      }
    }
  }
}

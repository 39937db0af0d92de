/**
 * A bounded queue with one reader that awaits items. `push` refuses an item
 * past the limit instead of growing; `close` ends the reader once the items
 * already queued are read, `abort` ends it at once.
 */
export class Mailbox<T> implements AsyncIterator<T, undefined> {
  #items: T[] = [];
  #head = 0;
  #limit: number;
  #closed = false;
  #wake: ((result: IteratorResult<T, undefined>) => void) | null = null;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many items wait to be read. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Whether the mailbox was closed or aborted. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Queues an item; `false` when the mailbox is full or closed. */
  push(item: T): boolean {
    if (this.#closed) return false;
    const wake = this.#wake;
    if (wake !== null) {
      this.#wake = null;
      wake({ done: false, value: item });
      return true;
    }
    if (this.size >= this.#limit) return false;
    this.#items.push(item);
    return true;
  }

  /**
   * The next queued item at once, with no promise; undefined when none is
   * queued (then {@linkcode next} waits for one, or tells the end).
   */
  poll(): IteratorResult<T, undefined> | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const value = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return { done: false, value };
  }

  /** The next item, or done once the mailbox is closed and empty. */
  next(): Promise<IteratorResult<T, undefined>> {
    const queued = this.poll();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  /** Refuses new items; the reader still gets those already queued. */
  close(): void {
    this.#closed = true;
    const wake = this.#wake;
    this.#wake = null;
    wake?.({ done: true, value: undefined });
  }

  /** Drops what is queued and ends the reader now. */
  abort(): void {
    this.#items = [];
    this.#head = 0;
    this.close();
  }

  /** Ends the reader: what `for await` calls when the loop stops early. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.abort();
    return Promise.resolve({ done: true, value: undefined });
  }

  /**
   * Ends the reader when `signal` aborts. `onStop` runs once, on the abort or
   * on the returned release (call it when the reader is done), so the owner
   * can forget this mailbox either way.
   */
  stopOn(signal: AbortSignal | undefined, onStop: () => void): () => void {
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener("abort", stop);
      this.abort();
      onStop();
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
    return stop;
  }

  /** Yields every item as `map` turns it (null skips it) until the mailbox ends. */
  async *drain<U>(
    map: (item: T) => U | null,
  ): AsyncGenerator<U, void, undefined> {
    while (true) {
      const next = await this.next();
      if (next.done) return;
      const mapped = map(next.value);
      if (mapped !== null) yield mapped;
    }
  }
}

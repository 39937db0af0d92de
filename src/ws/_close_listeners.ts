/** How a socket closed. */
export type CloseInfo = { code: number; reason: string };

/**
 * The `socket.onClose` listeners of one connection: each is called once,
 * when it closes; one added after the close (a context made late) is
 * called at once, in a microtask.
 */
export class CloseListeners {
  #listeners: ((info: CloseInfo) => void)[] = [];
  #closed: CloseInfo | null = null;

  /** Adds a listener. */
  add(listener: (info: CloseInfo) => void): void {
    const closed = this.#closed;
    if (closed === null) this.#listeners.push(listener);
    else queueMicrotask(() => listener(closed));
  }

  /** The connection closed: calls every listener; a throw goes to `onError`. */
  fire(info: CloseInfo, onError: (cause: unknown) => void): void {
    this.#closed = info;
    for (const listener of this.#listeners.splice(0)) {
      try {
        listener(info);
      } catch (cause) {
        onError(cause);
      }
    }
  }
}

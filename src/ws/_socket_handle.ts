import type { WSHandle } from "./ws_options.ts";
import type { CloseInfo, CloseListeners } from "./_close_listeners.ts";

/**
 * What the context, the calls and the observer know a socket by: one object
 * with methods, not an object of two closures (its identity is the socket's
 * for the registries that key on it).
 */
export class SocketHandle implements WSHandle {
  #session: { close(code: number, reason: string): void };
  #listeners: CloseListeners;

  constructor(
    session: { close(code: number, reason: string): void },
    listeners: CloseListeners,
  ) {
    this.#session = session;
    this.#listeners = listeners;
  }

  close(code: number, reason: string): void {
    this.#session.close(code, reason);
  }

  onClose(listener: (info: CloseInfo) => void): void {
    this.#listeners.add(listener);
  }
}

import { getTRPCErrorFromUnknown, type TRPCError } from "@trpc/server";

const READY: Promise<void> = Promise.resolve();

/**
 * A connection's context, made once, and the calls that wait for it. A
 * context that cannot be made refuses the connection as tRPC does: the
 * connection's error first (`onRefused`), then every call that waited,
 * each answered with that error under its own id, then the close
 * (`onDrained`, once no call waits any more).
 */
export class ContextGate<T> {
  #ready: Promise<void> | null = null;
  #value: T | undefined = undefined;
  #made = false;
  #error: TRPCError | null = null;
  #waiting = 0;
  #onDrained: () => void;

  constructor(onDrained: () => void) {
    this.#onDrained = onDrained;
  }

  /** Whether making the context has begun. */
  get started(): boolean {
    return this.#ready !== null;
  }

  /** The context, once made. */
  get value(): T | undefined {
    return this.#value;
  }

  /** Why the context could not be made, if so. */
  get error(): TRPCError | null {
    return this.#error;
  }

  /** Makes the context; a throw is the refusal's error, given to `onRefused`. */
  start(
    make: () => T | Promise<T>,
    onRefused: (error: TRPCError) => void,
  ): void {
    const refuse = (cause: unknown) => {
      this.#error = getTRPCErrorFromUnknown(cause);
      onRefused(this.#error);
      this.drained();
    };
    let made: T | Promise<T>;
    try {
      made = make();
    } catch (cause) {
      this.#ready = READY;
      return refuse(cause);
    }
    if (typeof (made as { then?: unknown } | null)?.then !== "function") {
      // a context made at once: no promise, no microtask
      this.#value = made as T;
      this.#made = true;
      this.#ready = READY;
      return;
    }
    this.#ready = Promise.resolve(made).then((value) => {
      this.#value = value;
      this.#made = true;
    }, refuse);
  }

  /** Waits for the context; throws the refusal's error if it was refused. */
  async wait(): Promise<T | undefined> {
    if (!this.#made && this.#error === null) {
      this.#waiting++;
      try {
        await this.#ready;
      } finally {
        this.#waiting--;
      }
    }
    if (this.#error !== null) throw this.#error;
    return this.#value;
  }

  /** A call that waited is answered: the refusal closes after the last one. */
  drained(): void {
    if (this.#error !== null && this.#waiting === 0) this.#onDrained();
  }
}

import type { Id } from "./_frames.ts";

/**
 * A connection's running calls by id, as a `Map` would hold them, but the
 * first one in two fields: most connections run one call at a time or
 * hold one subscription, and a `Map`'s table costs about 150 bytes. A
 * `Map` is made for the second call running at once. Ids are compared
 * with `===` (they come from JSON: never NaN).
 */
export class ActiveCalls<V> {
  /** The id in the first slot; undefined when the slot is free. */
  #id: Id | undefined = undefined;
  #value: V | undefined = undefined;
  #more: Map<Id, V> | null = null;

  /** Whether a call with this id runs. */
  has(id: Id): boolean {
    return this.#id === id || (this.#more?.has(id) ?? false);
  }

  /** The value of the call with this id; undefined when none runs. */
  get(id: Id): V | undefined {
    return this.#id === id ? this.#value : this.#more?.get(id);
  }

  /** Adds a call; its id must not run already (see {@linkcode has}). */
  set(id: Id, value: V): void {
    if (this.#id === undefined || this.#id === id) {
      this.#id = id;
      this.#value = value;
    } else (this.#more ??= new Map()).set(id, value);
  }

  /** Removes the call with this id, if it runs. */
  delete(id: Id): void {
    if (this.#id === id) {
      this.#id = undefined;
      this.#value = undefined;
    } else this.#more?.delete(id);
  }

  /** Every running call's value, then none runs. */
  takeAll(): V[] {
    const values = this.#id === undefined ? [] : [this.#value as V];
    if (this.#more !== null) values.push(...this.#more.values());
    this.#id = undefined;
    this.#value = undefined;
    this.#more = null;
    return values;
  }
}

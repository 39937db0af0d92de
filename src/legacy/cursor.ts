const FORMAT = /^([^:\s]{1,32})(?::(g-[a-z0-9]{4,32}):(\d{1,15}))?$/;

/**
 * Where a legacy connection is in its two streams: the hub's messages and
 * the game it follows. Every message it is sent carries the cursor as
 * `event_id` (`<hub event id>` or `<hub event id>:<game id>:<seq>`), so the
 * last `event_id` received resumes both streams with `?last_event_id=`.
 */
export class LegacyCursor {
  #hub: string | null = null;
  #gameId: string | null = null;
  #seq = 0;

  /**
   * Reads `?last_event_id=`. Null or empty: a fresh cursor. `valid` is
   * false when the text is not an event id of this endpoint.
   */
  static parse(text: string | null): { cursor: LegacyCursor; valid: boolean } {
    const cursor = new LegacyCursor();
    if (text === null || text === "") return { cursor, valid: true };
    const match = FORMAT.exec(text);
    if (match === null) return { cursor, valid: false };
    cursor.#hub = match[1] as string;
    if (match[2] !== undefined) {
      cursor.#gameId = match[2];
      cursor.#seq = Number(match[3]);
    }
    return { cursor, valid: true };
  }

  /** The hub event id to resume after, or null. */
  get hub(): string | null {
    return this.#hub;
  }

  /** The last seq of `gameId` delivered (0: none). */
  seqOf(gameId: string): number {
    return this.#gameId === gameId ? this.#seq : 0;
  }

  /** A hub message was delivered. */
  hubDelivered(id: string): void {
    this.#hub = id;
  }

  /** An event of `gameId` was delivered (a new game starts from its seq). */
  gameDelivered(gameId: string, seq: number): void {
    this.#gameId = gameId;
    this.#seq = seq;
  }

  /** The `event_id` to stamp on the next message. */
  toString(): string {
    const hub = this.#hub ?? "";
    return this.#gameId === null ? hub : `${hub}:${this.#gameId}:${this.#seq}`;
  }
}

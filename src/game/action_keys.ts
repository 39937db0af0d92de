import type { Outcome } from "./_outcome.ts";
import type { KeyedOutcome, StoredOutcome } from "./store.ts";

/**
 * The most refused `actionId`s a game remembers per seat: the newest. A
 * seat that floods refusals forgets only its own oldest refusals.
 */
export const MAX_REFUSED_KEYS_PER_SEAT = 1_000;

/**
 * The most accepted `actionId`s a game remembers per seat: the newest. A
 * game gives a seat at most a few hundred turns; only the werewolves'
 * night channel (any number of `say`) can reach this bound, and then the
 * seat forgets only its own oldest accepted keys. Refusals never evict
 * accepted keys.
 */
export const MAX_ACCEPTED_KEYS_PER_SEAT = 10_000;

/** An idempotency key: the seat (a player id) and the `actionId` it chose. */
export interface ActionKey {
  /** The player id; never contains `/`. */
  seat: string;
  /** The client's `actionId`. */
  actionId: string;
}

/** The key as the store keeps it: `seat/actionId` (the first `/` splits). */
export function keyText(key: ActionKey): string {
  return `${key.seat}/${key.actionId}`;
}

/** The key a stored text stands for, or null if it has no seat. */
export function parseKey(text: string): ActionKey | null {
  const slash = text.indexOf("/");
  if (slash <= 0) return null;
  return { seat: text.slice(0, slash), actionId: text.slice(slash + 1) };
}

interface SeatKeys {
  /** Commands queued or running, until their outcome is saved. */
  pending: Map<string, Promise<Outcome>>;
  accepted: Map<string, StoredOutcome>;
  refused: Map<string, StoredOutcome>;
}

/**
 * A game's idempotency keys, per seat: the commands in flight, the newest
 * {@linkcode MAX_ACCEPTED_KEYS_PER_SEAT} accepted outcomes and the newest
 * {@linkcode MAX_REFUSED_KEYS_PER_SEAT} refused ones, each in the order
 * they were saved. A seat's keys never collide with nor evict another's.
 */
export class ActionKeys {
  #seats = new Map<string, SeatKeys>();

  /**
   * A command in flight under `key`, or how it ended, or undefined. Throws
   * for a seat with a `/` (its key could collide with another seat's).
   */
  find(key: ActionKey): Promise<Outcome> | StoredOutcome | undefined {
    if (key.seat.includes("/")) {
      throw new Error(`A seat has no "/": ${key.seat}`);
    }
    const seat = this.#seats.get(key.seat);
    if (seat === undefined) return undefined;
    const { actionId } = key;
    return seat.pending.get(actionId) ?? seat.accepted.get(actionId) ??
      seat.refused.get(actionId);
  }

  /** Remembers a command in flight (never evicted until it ends). */
  start(key: ActionKey, outcome: Promise<Outcome>): void {
    this.#seat(key.seat).pending.set(key.actionId, outcome);
  }

  /** The key (as text) that keeping an outcome of this kind would evict. */
  evicted(key: ActionKey, ok: boolean): string | undefined {
    const seat = this.#seats.get(key.seat);
    if (seat === undefined) return undefined;
    const [ring, max] = ok
      ? [seat.accepted, MAX_ACCEPTED_KEYS_PER_SEAT]
      : [seat.refused, MAX_REFUSED_KEYS_PER_SEAT];
    if (ring.size < max || ring.has(key.actionId)) return undefined;
    const [oldest] = ring.keys();
    return oldest === undefined
      ? undefined
      : keyText({ seat: key.seat, actionId: oldest });
  }

  /** What the store must write for `outcome`: the key and the key it evicts. */
  toSave(key: ActionKey, outcome: StoredOutcome): KeyedOutcome {
    const evicts = this.evicted(key, outcome.ok);
    return {
      key: keyText(key),
      outcome,
      ...(evicts === undefined ? {} : { evicts }),
    };
  }

  /**
   * Keeps how a command ended as the newest of its seat and kind, evicting
   * that seat's oldest of the same kind beyond the bound.
   */
  keep(key: ActionKey, outcome: StoredOutcome): void {
    const seat = this.#seat(key.seat);
    seat.pending.delete(key.actionId);
    const [ring, max] = outcome.ok
      ? [seat.accepted, MAX_ACCEPTED_KEYS_PER_SEAT]
      : [seat.refused, MAX_REFUSED_KEYS_PER_SEAT];
    ring.delete(key.actionId);
    ring.set(key.actionId, outcome);
    for (const oldest of ring.keys()) {
      if (ring.size <= max) break;
      ring.delete(oldest);
    }
  }

  /** Forgets a command in flight that was not saved (a retry runs it again). */
  forget(key: ActionKey): void {
    this.#seats.get(key.seat)?.pending.delete(key.actionId);
  }

  /** How many keys a seat remembers, by kind. */
  count(seat: string): { pending: number; accepted: number; refused: number } {
    const keys = this.#seats.get(seat);
    return {
      pending: keys?.pending.size ?? 0,
      accepted: keys?.accepted.size ?? 0,
      refused: keys?.refused.size ?? 0,
    };
  }

  #seat(seat: string): SeatKeys {
    let keys = this.#seats.get(seat);
    if (keys === undefined) {
      keys = { pending: new Map(), accepted: new Map(), refused: new Map() };
      this.#seats.set(seat, keys);
    }
    return keys;
  }
}

import type { GameStore } from "./store.ts";

/** A seat in a game. */
export interface Seat {
  /** The game. */
  gameId: string;
  /** The player. */
  playerId: string;
}

const encoder = new TextEncoder();

async function hashOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(token));
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Seat tokens: 192 random bits each, revealed once, kept only as SHA-256
 * hashes in the game store (so they outlive a restart). Presenting a token
 * makes a client that player.
 */
export class SeatTokens {
  #store: GameStore;

  constructor(store: GameStore) {
    this.#store = store;
  }

  /**
   * Makes a new token and its hash. The hash is stored with the join that
   * seats the player, in the same transaction; the token is never kept.
   */
  async mint(): Promise<{ token: string; hash: string }> {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const token = "st_" +
      btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
        .replaceAll("/", "_");
    return { token, hash: await hashOf(token) };
  }

  /**
   * The seat a token stands for, or null. The lookup is by hash, so its
   * time does not depend on how much of a token matches a real one.
   */
  async lookup(token: string): Promise<Seat | null> {
    if (!token.startsWith("st_") || token.length > 64) return null;
    return this.#store.seat(await hashOf(token));
  }
}

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

/** The first `bytes` bytes of the SHA-256 of `text`, in base64url. */
async function digest64(text: string, bytes: number): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest).slice(0, bytes)))
    .replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/**
 * The seat of the idempotency keys of `lobby.join` (no player id has it:
 * those are `p1`…).
 */
export const JOIN_KEY_SEAT = "join";

/**
 * The idempotency key of a join sent with `actionId`: a digest of it, so
 * that the stored key does not give away what the seat token is derived
 * from.
 */
export async function joinKey(
  actionId: string,
): Promise<{ seat: string; actionId: string }> {
  return {
    seat: JOIN_KEY_SEAT,
    actionId: await digest64(`loup-garou join key\0${actionId}`, 32),
  };
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
   * The token of a join sent with `actionId` in `gameId`, and its hash:
   * the same for the same game and `actionId` (so a retried join answers
   * the same token), 192 bits like a minted one; as secret as the
   * `actionId` it comes from.
   */
  async derive(
    gameId: string,
    actionId: string,
  ): Promise<{ token: string; hash: string }> {
    const token = "st_" +
      await digest64(`loup-garou seat token\0${gameId}\0${actionId}`, 24);
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

import type { GameStore } from "./store.ts";

/** A seat in a game. */
export interface Seat {
  /** The game. */
  gameId: string;
  /** The player. */
  playerId: string;
}

const encoder = new TextEncoder();

/**
 * SHA-256 of a text's UTF-8 bytes (32 bytes), at once or as a promise.
 * The server gives a synchronous one (`node:crypto`); the default is
 * WebCrypto's, which answers a promise (a hop to another thread).
 */
export type Sha256 = (text: string) => Uint8Array | Promise<Uint8Array>;

/** WebCrypto's SHA-256 (async). */
export function webSha256(text: string): Promise<Uint8Array> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text))
    .then((digest) => new Uint8Array(digest));
}

const HEX = Array.from(
  { length: 256 },
  (_, b) => b.toString(16).padStart(2, "0"),
);

function hexOf(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += HEX[b];
  return text;
}

/** The first `bytes` bytes of `digest`, in base64url. */
function base64url(digest: Uint8Array, bytes: number): string {
  return btoa(String.fromCharCode(...digest.subarray(0, bytes)))
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
  sha256: Sha256 = webSha256,
): Promise<{ seat: string; actionId: string }> {
  const digest = await sha256(`loup-garou join key\0${actionId}`);
  return { seat: JOIN_KEY_SEAT, actionId: base64url(digest, 32) };
}

/**
 * Seat tokens: 192 random bits each, revealed once, kept only as SHA-256
 * hashes in the game store (so they outlive a restart). Presenting a token
 * makes a client that player.
 */
export class SeatTokens {
  #store: GameStore;
  /** The hash of tokens and keys (the same bytes whichever computes it). */
  readonly sha256: Sha256;

  constructor(store: GameStore, sha256: Sha256 = webSha256) {
    this.#store = store;
    this.sha256 = sha256;
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
    return { token, hash: hexOf(await this.sha256(token)) };
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
    const seed = `loup-garou seat token\0${gameId}\0${actionId}`;
    const token = "st_" + base64url(await this.sha256(seed), 24);
    return { token, hash: hexOf(await this.sha256(token)) };
  }

  /**
   * The seat a token stands for, or null. The lookup is by hash, so its
   * time does not depend on how much of a token matches a real one.
   */
  async lookup(token: string): Promise<Seat | null> {
    if (!token.startsWith("st_") || token.length > 64) return null;
    return this.#store.seat(hexOf(await this.sha256(token)));
  }
}

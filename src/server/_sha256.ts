import { createHash } from "node:crypto";

/**
 * SHA-256 of `text`'s UTF-8 bytes, at once (`node:crypto`, no promise nor
 * thread hop): the seat tokens' and join keys' hash, the same bytes as
 * WebCrypto's (`webSha256`), so hashes stored by either match.
 */
export function nodeSha256(text: string): Uint8Array {
  return createHash("sha256").update(text, "utf8").digest();
}

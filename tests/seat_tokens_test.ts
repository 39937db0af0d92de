import assert from "node:assert/strict";
import {
  joinKey,
  MemoryGameStore,
  SeatTokens,
  webSha256,
} from "../src/game/mod.ts";
import { nodeSha256 } from "../src/server/_sha256.ts";

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
}

/** The first `bytes` bytes of the SHA-256 of `text`, base64url, no padding. */
async function digest64(text: string, bytes: number): Promise<string> {
  const digest = (await sha256(text)).slice(0, bytes);
  return btoa(String.fromCharCode(...digest)).replaceAll("+", "-")
    .replaceAll("/", "_").replaceAll("=", "");
}

async function hexSha256(text: string): Promise<string> {
  const digest = await sha256(text);
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

Deno.test("SeatTokens hashes with the server's node:crypto SHA-256 exactly as with WebCrypto's: the same derived token, hash and join key as before (the stored ones stay valid)", async () => {
  const store = new MemoryGameStore();
  const web = new SeatTokens(store, webSha256);
  const node = new SeatTokens(store, nodeSha256);
  const fromWeb = await web.derive("g-1", "join-é-1"); // not ASCII: UTF-8 bytes
  const fromNode = await node.derive("g-1", "join-é-1");
  assert.deepEqual(fromNode, fromWeb);
  assert.equal(
    fromWeb.token,
    "st_" + await digest64("loup-garou seat token\0g-1\0join-é-1", 24),
  );
  assert.equal(fromWeb.hash, await hexSha256(fromWeb.token));
  assert.notEqual((await node.derive("g-2", "join-é-1")).token, fromWeb.token);
  const key = {
    seat: "join",
    actionId: await digest64("loup-garou join key\0join-é-1", 32),
  };
  assert.deepEqual(await joinKey("join-é-1", nodeSha256), key);
  assert.deepEqual(await joinKey("join-é-1"), key);
  const minted = await node.mint();
  assert.equal(minted.hash, await hexSha256(minted.token));
  assert.equal(await node.lookup(minted.token), null, "not stored yet");
});

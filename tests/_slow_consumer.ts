/**
 * A slow consumer for the tests: an original-protocol client (`/ws/slow`)
 * upgraded by hand that never reads, and the hub's messages routed to it
 * until the server cuts it off (4003) and the hub forgets it.
 * @module
 */
import type { Hub } from "../src/hub/mod.ts";
import { readUntilClose } from "./_raw_frames.ts";
import type { RawUpgrade } from "./_raw_http.ts";

/** Most messages {@linkcode floodUntilCut} routes (about 195 MB in all). */
export const FLOOD_MAX = 50_000;

/**
 * Routes 3,900-character `agent_message`s to `clientId` while the hub
 * knows it, yielding to the event loop every 64 so the server can write
 * and time the socket out; answers how many it routed (FLOOD_MAX at the
 * most: the client was never cut).
 */
export async function floodUntilCut(
  hub: Hub,
  clientId: string,
): Promise<number> {
  const text = "x".repeat(3900);
  let routed = 0;
  for (; routed < FLOOD_MAX && hub.get(clientId) !== undefined; routed++) {
    hub.route({
      message_type: "agent_message",
      client_id: "bot",
      timestamp: 1,
      agent_name: "Bot",
      message_text: text,
    }, { to_client: clientId });
    if (routed % 64 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  return routed;
}

/**
 * The cut-off client reads again: what the server had sent, then its close
 * frame, whose code this answers. Reading it lets the server's close
 * complete (a client that never reads holds it open), so no close operation
 * outlives the test.
 */
export async function closeCodeAfterCut(slow: RawUpgrade): Promise<number> {
  const close = await readUntilClose(slow, { maxBytes: 256 << 20 });
  return close.code;
}

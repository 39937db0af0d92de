/**
 * The arena scenario's check that two runs played the same games: a digest
 * of every game's events as the god view's transcript has them, without
 * what differs from run to run by nature (sequence numbers, times,
 * deadlines, the game's id and default name, private reasoning and usage),
 * and with the events
 * of each phase sorted (simultaneous night actions may arrive in either
 * order).
 * @module
 */
import type { GameEvent } from "../src/mod.ts";

/** Fields that differ between two plays of one game. */
const VOLATILE = new Set([
  "seq",
  "at",
  "deadline",
  "gameId",
  "reasoning",
  "usage",
]);

/** One game's facts: a line per event, prefixed by its phase's number. */
export function factsOf(log: readonly GameEvent[]): string[] {
  let phase = 0;
  const lines = log.map((event) => {
    if (event.type === "phase_update") phase++;
    const kept = Object.entries(event).filter(([key]) =>
      !VOLATILE.has(key) && !(event.type === "game_created" && key === "name")
    );
    return `${String(phase).padStart(4, "0")} ${JSON.stringify(kept)}`;
  });
  return lines.sort();
}

/** The first 16 hex digits of the SHA-256 of every game's facts. */
export async function factsDigest(
  logs: readonly (readonly GameEvent[])[],
): Promise<string> {
  const text = logs.map((log) => factsOf(log).join("\n")).join("\n\n");
  const hash = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, "0"))
    .join("").slice(0, 16);
}

/**
 * How the house bots' werewolves hunt: whom they devour and how they agree
 * on their channel.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import type { Clues } from "./_bot_clues.ts";
import { trustedClaims } from "./_bot_suspicion.ts";

/** A werewolf's proposal on its channel (`{x}`: the prey's name). */
export const WOLF_PLAN: readonly string[] = [
  "Let us take {x} tonight.",
  "{x} is next, agreed?",
];

/** A werewolf's answer to a packmate's proposal. */
export const WOLF_AGREE: readonly string[] = [
  "Agreed: {x}.",
  "Fine by me, {x} it is.",
];

/**
 * The pack's prey among `options`: a claimed seer the village believes,
 * else whoever accused or voted against the pack most (a little noise
 * breaks ties, and chooses when nobody did).
 */
export function preyOf(
  clues: Clues,
  options: readonly PlayerId[],
  rand: () => number,
): PlayerId | undefined {
  const seers = trustedClaims(clues, "public")
    .map(({ claim }) => claim.claimant)
    .filter((id) => options.includes(id));
  if (seers.length > 0) return seers[Math.floor(rand() * seers.length)];
  const threat = new Map<PlayerId, number>();
  const bump = (id: PlayerId) => threat.set(id, (threat.get(id) ?? 0) + 1);
  for (const v of clues.votes) {
    if (clues.teammates.has(v.target)) bump(v.voter);
  }
  for (const a of clues.accusations) {
    if (a.targets.some((id) => clues.teammates.has(id))) bump(a.speaker);
  }
  let best: PlayerId | undefined;
  let most = -Infinity;
  for (const id of options) {
    const score = (threat.get(id) ?? 0) + rand();
    if (score > most) [best, most] = [id, score];
  }
  return best;
}

/** The prey a packmate's message names: the first living non-werewolf seat. */
export function namedPrey(clues: Clues, text: string): PlayerId | null {
  for (const [id, name] of clues.names) {
    if (clues.teammates.has(id) || id === clues.me) continue;
    if (text.includes(name) && clues.alive.has(id)) return id;
  }
  return null;
}

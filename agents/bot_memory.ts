/**
 * What a scripted bot remembers of a game, and its seeded PRNG.
 * @module
 */
import type { GameEvent, PlayerId, Role } from "../src/mod.ts";

/** A bot's view of the game, built from its events. */
export class Memory {
  role: Role | null = null;
  teammates = new Set<PlayerId>();
  alive = new Set<PlayerId>();
  names = new Map<PlayerId, string>();
  wolvesFound = new Set<PlayerId>();
  cleared = new Set<PlayerId>();
  accusations = new Map<PlayerId, number>();
  victim: PlayerId | null = null;
  heal = false;
  poison = false;
  /** Whether the last public speech named this seat (its player id). */
  addressed = false;

  /** Updates what the bot knows from one event it saw. */
  learn(event: GameEvent, me: PlayerId): void {
    switch (event.type) {
      case "game_started":
        for (const player of event.players) {
          this.alive.add(player.id as PlayerId);
          this.names.set(player.id as PlayerId, player.name);
        }
        break;
      case "role_assigned":
        if (event.player_id === me) {
          this.role = event.role;
          for (const id of event.teammates) {
            this.teammates.add(id as PlayerId);
          }
        }
        break;
      case "seer_result":
        (event.is_werewolf ? this.wolvesFound : this.cleared).add(
          event.target as PlayerId,
        );
        break;
      case "witch_info":
        this.victim = event.victim as PlayerId | null;
        this.heal = event.heal_available;
        this.poison = event.poison_available;
        break;
      case "player_died":
        this.alive.delete(event.player_id as PlayerId);
        break;
      case "agent_message":
        if (event.channel === "public") {
          this.addressed = event.agent_id !== me &&
            new RegExp(`\\b${me}\\b`, "i").test(event.message_text);
        }
        for (const match of event.message_text.matchAll(/\b(p\d{1,2})\b/g)) {
          const id = match[1] as PlayerId;
          this.accusations.set(id, (this.accusations.get(id) ?? 0) + 1);
        }
        break;
    }
  }
}

/** A small seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

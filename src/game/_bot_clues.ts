/**
 * What a house bot knows of a game, from the events its seat sees: the
 * seats and names, the dead and their roles, its own role (a werewolf's
 * pack), its seer results and the witch's victims, the seer claims made in
 * public speech, who named whom, and every day vote it saw.
 * @module
 */
import type { GameEvent, PlayerId, Role } from "../contract/mod.ts";
import { namedIn } from "../engine/mod.ts";

/** A public seer claim: the claimant said `target` is (not) a werewolf. */
export interface Claim {
  claimant: PlayerId;
  target: PlayerId;
  wolf: boolean;
  day: number;
}

/** A day vote seen: `voter` voted against `target` on `day`. */
export interface SeenVote {
  day: number;
  voter: PlayerId;
  target: PlayerId;
}

/** A public speech that named players as suspects. */
export interface Accusation {
  day: number;
  speaker: PlayerId;
  targets: PlayerId[];
}

/** How one seat died, as everyone saw it. */
export interface Death {
  role: Role;
  cause: string;
  day: number;
}

/** A claim to be the seer, in English or French. */
const SEER_CLAIM = /\b(i am|i'm|as) the seer\b|\bje suis (la|le) voyante?\b/i;
/** A sentence that clears rather than accuses. */
const CLEARS = /\b(not a werewolf|not a wolf|innocent|is clear|pas un loup)\b/i;
/** A sentence that names a werewolf. */
const ACCUSES = /\b(werewolf|wolf|loup)\b/i;

/** The facts a bot gathered; read by its reasoning. */
export class Clues {
  readonly me: PlayerId;
  role: Role | null = null;
  readonly teammates = new Set<PlayerId>();
  readonly names = new Map<PlayerId, string>();
  readonly alive = new Set<PlayerId>();
  readonly deaths = new Map<PlayerId, Death>();
  /** The seer's own results (the seer only). */
  readonly inspected = new Map<PlayerId, boolean>();
  /** Seats known not to be werewolves: the witch's victims (the witch only). */
  readonly victims = new Set<PlayerId>();
  readonly claims: Claim[] = [];
  readonly accusations: Accusation[] = [];
  readonly votes: SeenVote[] = [];
  /** The day of the current or last phase (1 from the first night). */
  day = 0;
  phase = "lobby";
  /** The players the last public speech named. */
  lastNamed: PlayerId[] = [];

  constructor(me: PlayerId) {
    this.me = me;
  }

  /** Folds one event the bot's seat saw. */
  learn(event: GameEvent): void {
    switch (event.type) {
      case "game_started":
        for (const { id, name } of event.players) {
          this.alive.add(id as PlayerId);
          this.names.set(id as PlayerId, name);
        }
        break;
      case "role_assigned":
        if (event.player_id !== this.me) break;
        this.role = event.role;
        for (const id of event.teammates) this.teammates.add(id as PlayerId);
        break;
      case "phase_update":
        this.day = event.day;
        this.phase = event.new_phase;
        break;
      case "seer_result":
        this.inspected.set(event.target as PlayerId, event.is_werewolf);
        break;
      case "witch_info":
        if (event.victim !== null) this.victims.add(event.victim as PlayerId);
        break;
      case "player_died":
        this.alive.delete(event.player_id as PlayerId);
        this.deaths.set(event.player_id as PlayerId, {
          role: event.role,
          cause: event.cause,
          day: this.day,
        });
        break;
      case "player_action":
        if (event.action === "vote" && event.target !== null) {
          this.#vote(event.player_id as PlayerId, event.target as PlayerId);
        }
        break;
      case "vote_result":
        for (const [voter, target] of Object.entries(event.votes ?? {})) {
          if (target !== null) {
            this.#vote(voter as PlayerId, target as PlayerId);
          }
        }
        break;
      case "agent_message":
        if (event.channel === "public") {
          this.#hear(event.agent_id as PlayerId, event.message_text);
        }
        break;
    }
  }

  /** The seat's name (its id if unknown). */
  nameOf(id: PlayerId): string {
    return this.names.get(id) ?? id;
  }

  /** The role a seat is known to have had (revealed at its death). */
  revealed(id: PlayerId): Role | undefined {
    return this.deaths.get(id)?.role;
  }

  #vote(voter: PlayerId, target: PlayerId): void {
    const day = this.day;
    if (this.votes.some((v) => v.day === day && v.voter === voter)) return;
    this.votes.push({ day, voter, target });
  }

  /**
   * Reads a public speech: a seer claim's results (each sentence naming
   * players as werewolves, or not), and the suspect of each other sentence:
   * the first living player it names (so "Bruno is a werewolf, says Alice"
   * accuses Bruno, not Alice).
   */
  #hear(speaker: PlayerId, text: string): void {
    const seats = [...this.names].map(([id, name]) => ({ id, name }));
    this.lastNamed = namedIn(text, seats, speaker);
    const claiming = SEER_CLAIM.test(text);
    const suspects = new Set<PlayerId>();
    for (const sentence of text.split(/[.!?;\n]+/)) {
      const named = inOrder(sentence, namedIn(sentence, seats, speaker), this);
      if (named.length === 0) continue;
      const clears = CLEARS.test(sentence);
      if (claiming && (clears || ACCUSES.test(sentence))) {
        for (const target of named) {
          const wolf = !clears;
          this.claims.push({ claimant: speaker, target, wolf, day: this.day });
        }
      }
      const suspect = named.find((id) => this.alive.has(id));
      if (!clears && suspect !== undefined) suspects.add(suspect);
    }
    if (suspects.size > 0) {
      this.accusations.push({
        day: this.day,
        speaker,
        targets: [...suspects],
      });
    }
  }
}

/** `named` in the order the sentence names them (by name or id). */
function inOrder(
  sentence: string,
  named: readonly PlayerId[],
  clues: Clues,
): PlayerId[] {
  const lower = sentence.toLowerCase();
  const at = (id: PlayerId) => {
    const spots = [
      lower.indexOf(clues.nameOf(id).toLowerCase()),
      lower.indexOf(id),
    ]
      .filter((i) => i >= 0);
    return spots.length === 0 ? Infinity : Math.min(...spots);
  };
  return [...named].sort((a, b) => at(a) - at(b));
}

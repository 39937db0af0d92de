/**
 * What a house bot thinks: a scripted player that learns from the events it
 * sees and answers each of its turns with a move. Pure: its randomness is a
 * seeded generator passed in.
 * @module
 */
import type {
  GameAction,
  GameEvent,
  GameEventOf,
  PlayerId,
  Role,
} from "../contract/mod.ts";
import { namedIn, seededRandom } from "../engine/mod.ts";

/** What a bot does next: speak, vote, use a power or bid for the floor. */
export type BotMove =
  | { type: "say"; text: string }
  | { type: "vote"; target: PlayerId | null }
  | { type: "act"; action: GameAction }
  | { type: "bid"; amount: number };

export { seededRandom };

const ACCUSE = [
  "I have a bad feeling about {x}.",
  "{x} has been far too quiet. I do not trust that.",
  "My vote goes to {x} today.",
  "Did anyone else notice how {x} voted yesterday?",
  "{x}, where were you last night?",
  "I think {x} is hiding something.",
];
const DEFEND = [
  "I am a simple villager, I promise.",
  "Let us not rush: the wolves want us to fight.",
  "I have nothing to add for now.",
];
const WOLF_PLAN = ["Let us take {x} tonight.", "{x} is next, agreed?"];
const WOLF_AGREE = ["Agreed: {x}.", "Fine by me, {x} it is."];

/** A bot's memory of a game and its way of playing. */
export class BotMind {
  #me: PlayerId;
  #rand: () => number;
  #role: Role | null = null;
  #teammates = new Set<PlayerId>();
  #alive = new Set<PlayerId>();
  #names = new Map<PlayerId, string>();
  #wolvesFound = new Set<PlayerId>();
  #cleared = new Set<PlayerId>();
  #accused = new Map<PlayerId, number>();
  #victim: PlayerId | null = null;
  #heal = false;
  #poison = false;
  #pack: PlayerId | null = null;
  /** Whether the last public speech named this bot. */
  #addressed = false;

  constructor(me: PlayerId, rand: () => number) {
    this.#me = me;
    this.#rand = rand;
  }

  /** Updates what the bot knows from one event it saw. */
  learn(event: GameEvent): void {
    switch (event.type) {
      case "game_started":
        for (const { id, name } of event.players) {
          this.#alive.add(id as PlayerId);
          this.#names.set(id as PlayerId, name);
        }
        break;
      case "role_assigned":
        if (event.player_id !== this.#me) break;
        this.#role = event.role;
        for (const id of event.teammates) this.#teammates.add(id as PlayerId);
        break;
      case "seer_result":
        (event.is_werewolf ? this.#wolvesFound : this.#cleared)
          .add(event.target as PlayerId);
        break;
      case "witch_info":
        this.#victim = event.victim as PlayerId | null;
        this.#heal = event.heal_available;
        this.#poison = event.poison_available;
        break;
      case "player_died":
        this.#alive.delete(event.player_id as PlayerId);
        break;
      case "phase_update":
        if (event.new_phase === "night") this.#pack = null;
        break;
      case "agent_message":
        this.#hear(event);
        break;
    }
  }

  /** The moves answering `turn`, in order (empty: let the deadline pass). */
  movesFor(turn: GameEventOf<"your_turn">): BotMove[] {
    const options = turn.options as PlayerId[];
    switch (turn.request) {
      case "speak":
        return [{ type: "say", text: this.#speech() }];
      case "vote": {
        const choice = this.#role === "werewolf"
          ? this.#pick(options.filter((id) => !this.#teammates.has(id)))
          : this.#suspect(options);
        return [{ type: "vote", target: choice ?? null }];
      }
      case "wolf_kill": {
        const agreed = this.#pack !== null && options.includes(this.#pack);
        const target = agreed ? this.#pack! : this.#pick(options);
        if (target === undefined) return [];
        const plan = this.#line(agreed ? WOLF_AGREE : WOLF_PLAN, target);
        return [
          { type: "say", text: plan },
          { type: "act", action: { kind: "wolf_kill", target } },
        ];
      }
      case "seer_inspect": {
        const fresh = options.filter((id) =>
          !this.#cleared.has(id) && !this.#wolvesFound.has(id)
        );
        const target = this.#pick(fresh.length > 0 ? fresh : options);
        return target === undefined
          ? []
          : [{ type: "act", action: { kind: "seer_inspect", target } }];
      }
      case "guard_protect": {
        const target = this.#pick(options);
        return target === undefined
          ? []
          : [{ type: "act", action: { kind: "guard_protect", target } }];
      }
      case "hunter_shoot": {
        const target = this.#suspect(options);
        return target === undefined
          ? []
          : [{ type: "act", action: { kind: "hunter_shoot", target } }];
      }
      case "witch":
        return this.#witch(options);
      case "bid":
        return [{ type: "bid", amount: this.#bid(turn.amounts ?? [0]) }];
    }
  }

  /**
   * The floor is worth the most when the last speech named the bot, much
   * when the seer has a werewolf to denounce, else a little at random.
   */
  #bid(amounts: readonly number[]): number {
    const top = amounts.at(-1) ?? 0;
    const found = [...this.#wolvesFound].some((id) => this.#alive.has(id));
    if (this.#addressed) return top;
    if (this.#role === "seer" && found) return Math.max(0, top - 1);
    return amounts[Math.floor(this.#rand() * Math.min(3, amounts.length))] ??
      0;
  }

  #witch(options: PlayerId[]): BotMove[] {
    const moves: BotMove[] = [];
    if (this.#victim !== null && this.#heal && this.#rand() < 0.6) {
      moves.push({
        type: "act",
        action: { kind: "witch_save", target: this.#victim },
      });
    }
    const suspect = this.#suspect(options.filter((id) => id !== this.#me));
    if (this.#poison && suspect !== undefined && this.#rand() < 0.25) {
      moves.push({
        type: "act",
        action: { kind: "witch_poison", target: suspect },
      });
    }
    moves.push({ type: "act", action: { kind: "witch_pass" } });
    return moves;
  }

  #speech(): string {
    const others = [...this.#alive].filter((id) => id !== this.#me);
    const found = [...this.#wolvesFound].find((id) => this.#alive.has(id));
    if (this.#role === "seer" && found !== undefined) {
      return this.#line(["I am the seer: {x} is a werewolf. Vote {x}!"], found);
    }
    if (this.#rand() < 0.15) return ""; // passes the turn
    const target = this.#role === "werewolf"
      ? this.#pick(others.filter((id) => !this.#teammates.has(id)))
      : this.#suspect(others);
    if (target === undefined || this.#rand() < 0.15) {
      return DEFEND[Math.floor(this.#rand() * DEFEND.length)] as string;
    }
    return this.#line(ACCUSE, target);
  }

  #hear(event: GameEventOf<"agent_message">): void {
    if (event.channel === "public") {
      const seats = [...this.#names].map(([id, name]) => ({ id, name }));
      this.#addressed = namedIn(event.message_text, seats, event.agent_id)
        .includes(this.#me);
    }
    for (const [id, name] of this.#names) {
      if (id === event.agent_id || !event.message_text.includes(name)) continue;
      if (event.channel === "werewolves") this.#pack ??= id;
      else this.#accused.set(id, (this.#accused.get(id) ?? 0) + 1);
    }
  }

  #suspect(options: readonly PlayerId[]): PlayerId | undefined {
    const known = options.filter((id) => this.#wolvesFound.has(id));
    if (known.length > 0) return this.#pick(known);
    const fresh = options.filter((id) =>
      !this.#cleared.has(id) && !this.#teammates.has(id)
    );
    let best: PlayerId | undefined;
    let most = 0;
    for (const id of fresh) {
      const count = (this.#accused.get(id) ?? 0) + this.#rand();
      if (count > most) [best, most] = [id, count];
    }
    return best ?? this.#pick(options);
  }

  #line(lines: readonly string[], target: PlayerId): string {
    const line = lines[Math.floor(this.#rand() * lines.length)] as string;
    return line.replaceAll("{x}", this.#names.get(target) ?? target);
  }

  #pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.#rand() * items.length)];
  }
}

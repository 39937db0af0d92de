/**
 * What a house bot thinks: a scripted player that gathers what its seat
 * sees ({@linkcode Clues}), scores every living seat ({@linkcode suspicions})
 * and answers each of its turns with a move. The village side votes, shoots
 * and poisons its top suspect and says why; the seer inspects its top
 * unknown and claims once it found a werewolf; the werewolves never vote
 * one another, follow a packmate's vote, steer the village to the seat it
 * already suspects (saying the village's own reason) and devour a claimed
 * seer or their loudest accuser first. Pure: its randomness is a seeded
 * generator passed in.
 * @module
 */
import type {
  GameAction,
  GameEvent,
  GameEventOf,
  PlayerId,
} from "../contract/mod.ts";
import { seededRandom } from "../engine/mod.ts";
import { Clues } from "./_bot_clues.ts";
import { namedPrey, preyOf, WOLF_AGREE, WOLF_PLAN } from "./_bot_pack.ts";
import {
  defenceLine,
  guessLine,
  NO_CLUE_LINES,
  pickLine,
  reasonLine,
  seerLine,
} from "./_bot_lines.ts";
import {
  type Knowledge,
  type Suspicion,
  suspicions,
  trustedClaims,
} from "./_bot_suspicion.ts";

/** What a bot does next: speak, vote, use a power or bid for the floor. */
export type BotMove =
  | { type: "say"; text: string }
  | { type: "vote"; target: PlayerId | null }
  | { type: "act"; action: GameAction }
  | { type: "bid"; amount: number };

export { seededRandom };

/** Below this score a suspicion is a guess (no clue points at the seat). */
const CLUE = 0.5;
/** From this score the witch poisons (a seer's word, a proven liar). */
const SURE = 6;

/** A bot's memory of a game and its way of playing. */
export class BotMind {
  #rand: () => number;
  #clues: Clues;
  #victim: PlayerId | null = null;
  #heal = false;
  #poison = false;
  /** The pack's choice tonight (a packmate's plan or kill). */
  #pack: PlayerId | null = null;
  /** Today's vote of a packmate, to follow. */
  #packVote: PlayerId | null = null;
  /** Whether the last public speech named this bot. */
  #addressed = false;

  constructor(me: PlayerId, rand: () => number) {
    this.#clues = new Clues(me);
    this.#rand = rand;
  }

  get #me(): PlayerId {
    return this.#clues.me;
  }

  get #wolf(): boolean {
    return this.#clues.role === "werewolf";
  }

  /** Updates what the bot knows from one event it saw. */
  learn(event: GameEvent): void {
    this.#clues.learn(event);
    const mates = this.#clues.teammates;
    switch (event.type) {
      case "witch_info":
        this.#victim = event.victim as PlayerId | null;
        this.#heal = event.heal_available;
        this.#poison = event.poison_available;
        break;
      case "phase_update":
        if (event.new_phase === "night") this.#pack = null;
        if (event.new_phase === "vote") this.#packVote = null;
        break;
      case "agent_message":
        if (event.channel === "public") {
          this.#addressed = this.#clues.lastNamed.includes(this.#me);
        } else if (mates.has(event.agent_id as PlayerId)) {
          this.#pack ??= namedPrey(this.#clues, event.message_text);
        }
        break;
      case "player_action":
        if (!mates.has(event.player_id as PlayerId)) break;
        if (event.action === "wolf_kill" && event.target !== null) {
          this.#pack = event.target as PlayerId;
        } else if (event.action === "vote" && event.target !== null) {
          this.#packVote ??= event.target as PlayerId;
        }
        break;
    }
  }

  /** The moves answering `turn`, in order (empty: let the deadline pass). */
  movesFor(turn: GameEventOf<"your_turn">): BotMove[] {
    const options = (turn.options as PlayerId[]).filter((id) =>
      id !== this.#me
    );
    switch (turn.request) {
      case "speak":
        return [{ type: "say", text: this.#speech() }];
      case "vote":
        return [{ type: "vote", target: this.#voteFor(options) ?? null }];
      case "wolf_kill":
        return this.#devour(turn.options as PlayerId[]);
      case "seer_inspect":
        return this.#act("seer_inspect", this.#inspect(options));
      case "guard_protect":
        return this.#act("guard_protect", this.#protect(turn.options));
      case "hunter_shoot":
        return this.#act("hunter_shoot", this.#top(options, "own")?.id);
      case "witch":
        return this.#witch(options);
      case "bid":
        return [{ type: "bid", amount: this.#bid(turn.amounts ?? [0]) }];
    }
  }

  #act(
    kind: "seer_inspect" | "guard_protect" | "hunter_shoot",
    target: PlayerId | undefined,
  ): BotMove[] {
    return target === undefined
      ? []
      : [{ type: "act", action: { kind, target } }];
  }

  /**
   * The top suspect among `options` (a little noise breaks ties), with its
   * suspicion; a werewolf reads the village's view and skips its pack.
   */
  #top(
    options: readonly PlayerId[],
    knowledge: Knowledge,
  ): { id: PlayerId; suspicion: Suspicion } | undefined {
    const scores = suspicions(this.#clues, knowledge);
    let best: { id: PlayerId; suspicion: Suspicion } | undefined;
    let most = -Infinity;
    for (const id of options) {
      if (this.#wolf && this.#clues.teammates.has(id)) continue;
      const suspicion = scores.get(id);
      if (suspicion === undefined || suspicion.score === -Infinity) continue;
      const score = suspicion.score + 0.3 * this.#rand();
      if (score > most) [best, most] = [{ id, suspicion }, score];
    }
    return best;
  }

  #voteFor(options: readonly PlayerId[]): PlayerId | undefined {
    if (this.#wolf) {
      const follow = this.#packVote;
      if (follow !== null && options.includes(follow)) return follow;
      return this.#top(options, "public")?.id ?? this.#pick(options);
    }
    return this.#top(options, "own")?.id ?? this.#pick(options);
  }

  #speech(): string {
    const clues = this.#clues;
    if (this.#rand() < 0.1) return ""; // passes the turn
    if (!this.#wolf && clues.role === "seer") {
      const found = [...clues.inspected].some(([id, wolf]) =>
        wolf && clues.alive.has(id)
      );
      if (found) return seerLine(clues);
    }
    if (this.#addressed && this.#rand() < 0.4) return defenceLine(this.#rand);
    const others = [...clues.alive].filter((id) => id !== this.#me);
    const top = this.#top(others, this.#wolf ? "public" : "own");
    if (top === undefined) return pickLine(NO_CLUE_LINES, this.#rand);
    for (const { reason } of top.suspicion.reasons) {
      const line = reasonLine(clues, top.id, { reason, rand: this.#rand });
      if (line !== null) return line;
    }
    if (top.suspicion.score >= CLUE || clues.votes.length > 0) {
      return guessLine(clues, top.id);
    }
    return pickLine(NO_CLUE_LINES, this.#rand);
  }

  /**
   * The pack's victim: the one a packmate chose, else a claimed seer, else
   * whoever accused or voted against the pack most, else anyone.
   */
  #devour(options: PlayerId[]): BotMove[] {
    const agreed = this.#pack !== null && options.includes(this.#pack);
    const target = agreed
      ? this.#pack!
      : preyOf(this.#clues, options, this.#rand);
    if (target === undefined) return [];
    const line = pickLine(agreed ? WOLF_AGREE : WOLF_PLAN, this.#rand)
      .replaceAll("{x}", this.#clues.nameOf(target));
    return [
      { type: "say", text: line },
      { type: "act", action: { kind: "wolf_kill", target } },
    ];
  }

  #inspect(options: readonly PlayerId[]): PlayerId | undefined {
    const fresh = options.filter((id) => !this.#clues.inspected.has(id));
    return this.#top(fresh.length > 0 ? fresh : options, "own")?.id;
  }

  /** The guard shields a claimed seer, else a seat at random. */
  #protect(options: readonly string[]): PlayerId | undefined {
    const seers = trustedClaims(this.#clues, "own")
      .map(({ claim }) => claim.claimant)
      .filter((id) => options.includes(id) && this.#clues.alive.has(id));
    return this.#pick(seers.length > 0 ? seers : options as PlayerId[]);
  }

  /**
   * The witch saves the victim the first night and a claimed seer always
   * (else at even odds), and poisons a seat she is sure of.
   */
  #witch(options: readonly PlayerId[]): BotMove[] {
    const moves: BotMove[] = [];
    const victim = this.#victim;
    if (victim !== null && this.#heal) {
      const seer = trustedClaims(this.#clues, "own")
        .some(({ claim }) => claim.claimant === victim);
      const odds = seer ? 1 : this.#clues.day <= 1 ? 0.9 : 0.5;
      if (this.#rand() < odds) {
        moves.push({ type: "act", action: { kind: "witch_save" } });
      }
    }
    const sure = this.#top(options, "own");
    if (this.#poison && sure !== undefined && sure.suspicion.score >= SURE) {
      moves.push({
        type: "act",
        action: { kind: "witch_poison", target: sure.id },
      });
    }
    moves.push({ type: "act", action: { kind: "witch_pass" } });
    return moves;
  }

  /**
   * The floor is worth the most when the last speech named the bot, much
   * when the seer has a werewolf to denounce, else a little at random.
   */
  #bid(amounts: readonly number[]): number {
    const top = amounts.at(-1) ?? 0;
    const clues = this.#clues;
    const found = [...clues.inspected].some(([id, wolf]) =>
      wolf && clues.alive.has(id)
    );
    if (this.#addressed) return top;
    if (clues.role === "seer" && found) return Math.max(0, top - 1);
    return amounts[Math.floor(this.#rand() * Math.min(3, amounts.length))] ??
      0;
  }

  #pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.#rand() * items.length)];
  }
}

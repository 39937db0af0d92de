/**
 * The random bot: the baseline the house bots are measured against. It
 * answers every turn with a uniformly random legal move and learns
 * nothing (but the witch's potions and the names, to stay legal and say
 * something).
 * @module
 */
import type { GameEvent, GameEventOf, PlayerId } from "../contract/mod.ts";
import type { BotMove } from "./_bot_mind.ts";

/** A mind that picks among the options at random. */
export class RandomMind {
  #me: PlayerId;
  #rand: () => number;
  #names = new Map<string, string>();
  #victim: PlayerId | null = null;
  #heal = false;
  #poison = false;

  constructor(me: PlayerId, rand: () => number) {
    this.#me = me;
    this.#rand = rand;
  }

  /** Keeps the names and what the witch may still do. */
  learn(event: GameEvent): void {
    if (event.type === "game_started") {
      for (const { id, name } of event.players) this.#names.set(id, name);
    } else if (event.type === "witch_info") {
      this.#victim = event.victim as PlayerId | null;
      this.#heal = event.heal_available;
      this.#poison = event.poison_available;
    }
  }

  /** A random legal answer; a vote never abstains. */
  movesFor(turn: GameEventOf<"your_turn">): BotMove[] {
    const options = (turn.options as PlayerId[]).filter((id) =>
      id !== this.#me
    );
    const target = this.#pick(options);
    switch (turn.request) {
      case "speak":
        return [{
          type: "say",
          text: target === undefined
            ? ""
            : `I suspect ${this.#names.get(target) ?? target}.`,
        }];
      case "vote":
        return [{ type: "vote", target: target ?? null }];
      case "bid":
        return [{ type: "bid", amount: this.#pick(turn.amounts ?? [0]) ?? 0 }];
      case "witch": {
        const moves: BotMove[] = [];
        if (this.#heal && this.#victim !== null && this.#rand() < 0.5) {
          moves.push({ type: "act", action: { kind: "witch_save" } });
        }
        if (this.#poison && target !== undefined && this.#rand() < 0.25) {
          moves.push({
            type: "act",
            action: { kind: "witch_poison", target },
          });
        }
        return [...moves, { type: "act", action: { kind: "witch_pass" } }];
      }
      default: {
        const chosen = this.#pick(turn.options as PlayerId[]);
        return chosen === undefined
          ? []
          : [{ type: "act", action: { kind: turn.request, target: chosen } }];
      }
    }
  }

  #pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.#rand() * items.length)];
  }
}

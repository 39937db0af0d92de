/**
 * The scripted baseline strategy: remembers accusations and the seer's
 * results, accuses and votes for the most suspected, kills and inspects at
 * random among the sensible targets; the witch saves the victim while she
 * can; it bids the most for the floor when the last speech named it. Seeded: the same seed and the same events give the same moves.
 * @module
 */
import type { PlayerId } from "../src/mod.ts";
import type { Strategy, TurnContext } from "./agent_loop.ts";
import { Memory, random } from "./bot_memory.ts";
import { type Answer, defaultMoves, type Move } from "./moves.ts";

/** The scripted strategy, seeded with `seed`. */
export function botStrategy(seed = 1): Strategy {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(rand() * items.length)];
  const memory = new Memory();
  let learned = 0;

  function suspect(options: readonly PlayerId[]): PlayerId | undefined {
    const known = options.filter((id) => memory.wolvesFound.has(id));
    if (known.length > 0) return pick(known);
    const fresh = options.filter((id) =>
      !memory.cleared.has(id) && !memory.teammates.has(id)
    );
    let best: PlayerId | undefined;
    let most = 0;
    for (const id of fresh) {
      const count = memory.accusations.get(id) ?? 0;
      if (count > most) [best, most] = [id, count];
    }
    return best ?? pick(fresh.length > 0 ? fresh : options);
  }

  function moves({ turn, me }: TurnContext): Move[] {
    const act = (kind: "wolf_kill", target: PlayerId | undefined): Move[] =>
      target === undefined ? [] : [{ kind: "act", action: { kind, target } }];
    switch (turn.request) {
      case "speak": {
        const others = [...memory.alive].filter((id) => id !== me);
        const accused = memory.role === "werewolf"
          ? pick(
            turn.options.length
              ? turn.options
              : others.filter((id) => !memory.teammates.has(id)),
          )
          : suspect(others);
        const found = [...memory.wolvesFound].find((id) =>
          memory.alive.has(id)
        );
        const text = memory.role === "seer" && found !== undefined
          ? `I am the seer: ${found} is a werewolf!`
          : accused !== undefined && rand() < 0.8
          ? `I suspect ${accused}.`
          : "";
        return [{ kind: "say", text }];
      }
      case "vote": {
        const choice = memory.role === "werewolf"
          ? pick(turn.options.filter((id) => !memory.teammates.has(id)))
          : suspect(turn.options);
        return [{ kind: "vote", target: choice ?? null }];
      }
      case "witch": {
        const save: Move[] = memory.victim !== null && memory.heal
          ? [{
            kind: "act",
            action: { kind: "witch_save", target: memory.victim },
          }]
          : [];
        return [...save, { kind: "act", action: { kind: "witch_pass" } }];
      }
      case "hunter_shoot":
        return act(turn.request as "wolf_kill", suspect(turn.options));
      case "bid": {
        // the floor is worth the most when addressed, much to a seer with news
        const amounts = turn.amounts ?? [0];
        const top = amounts.at(-1) ?? 0;
        const found = [...memory.wolvesFound].some((id) =>
          memory.alive.has(id)
        );
        const amount = memory.addressed
          ? top
          : memory.role === "seer" && found
          ? Math.max(0, top - 1)
          : pick(amounts.slice(0, 3)) ?? 0;
        return [{ kind: "bid", amount }];
      }
      default: {
        const choices = turn.request === "seer_inspect"
          ? turn.options.filter((id) =>
            !memory.cleared.has(id) && !memory.wolvesFound.has(id)
          )
          : turn.options;
        return act(
          turn.request as "wolf_kill",
          pick(choices.length ? choices : turn.options),
        );
      }
    }
  }

  return {
    answer(context: TurnContext): Promise<Answer> {
      for (; learned < context.events.length; learned++) {
        memory.learn(context.events[learned]!, context.me);
      }
      return Promise.resolve({ moves: moves(context) });
    },
    fallback: ({ turn }) => defaultMoves(turn, pick),
  };
}

/**
 * The random baseline: every move drawn uniformly from what the turn allows
 * (a target among the options, or abstaining from the vote; a bid among the
 * amounts; the witch saving the victim or not, then passing), and it never
 * speaks. What `house` (the scripted strategy) should beat.
 * @module
 */
import type { PlayerId } from "../src/mod.ts";
import type { Strategy } from "./agent_loop.ts";
import { random } from "./bot_memory.ts";
import { type Answer, defaultMoves, type Move } from "./moves.ts";

/** The random strategy, seeded with `seed`: the same seed and turns give the same moves. */
export function randomStrategy(seed = 1): Strategy {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(rand() * items.length)];
  let victim: PlayerId | null = null;
  let learned = 0;
  return {
    answer({ turn, events }): Promise<Answer> {
      for (; learned < events.length; learned++) {
        const event = events[learned]!;
        if (event.type === "witch_info") {
          victim = event.heal_available ? event.victim : null;
        }
      }
      let moves: Move[];
      switch (turn.request) {
        case "speak":
          moves = [{ kind: "say", text: "" }];
          break;
        case "vote":
          moves = [{
            kind: "vote",
            target: pick([...turn.options, null]) ?? null,
          }];
          break;
        case "witch":
          moves = victim !== null && rand() < 0.5
            ? [{ kind: "act", action: { kind: "witch_save", target: victim } }]
            : [];
          moves.push({ kind: "act", action: { kind: "witch_pass" } });
          break;
        case "bid":
          moves = [{ kind: "bid", amount: pick(turn.amounts ?? [0]) ?? 0 }];
          break;
        default:
          moves = defaultMoves(turn, pick);
      }
      return Promise.resolve({ moves });
    },
    fallback: ({ turn }) => defaultMoves(turn, pick),
  };
}

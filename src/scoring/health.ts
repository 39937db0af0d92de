/**
 * An agent's health over every game it sat in, voided and self-play ones
 * included: refusals (counted outside the log), defaults by cause, model
 * latency, tokens and cost.
 * @module
 */
import type { AgentResult } from "./results.ts";
import { type GameFacts, noCauses } from "./game_facts.ts";
import { nearestRank, rate } from "./intervals.ts";

/**
 * `agent`'s health over `all` games; `refusals` is how many of its moves
 * the server refused (not in the log: the runner counts them).
 */
export function healthOf(
  all: readonly GameFacts[],
  agent: string,
  refusals: number,
): AgentResult["health"] {
  const defaults = noCauses();
  const latencies: number[] = [];
  let games = 0;
  let actions = 0;
  let prompt = 0;
  let completion = 0;
  let usd = 0;
  let samples = 0;
  for (const game of all) {
    const mine = game.seats.filter((seat) => seat.agent === agent);
    if (mine.length === 0) continue;
    games++;
    for (const seat of mine) {
      actions += seat.actions;
      for (const [cause, n] of Object.entries(seat.defaults)) {
        defaults[cause as keyof typeof defaults] += n;
      }
      latencies.push(...seat.latencies);
      prompt += seat.promptTokens;
      completion += seat.completionTokens;
      usd += seat.costUsd;
      samples += seat.costSamples;
    }
  }
  return {
    games,
    actions,
    refusals,
    refusalsPerGame: rate(refusals, games),
    defaults,
    latencyMs: {
      samples: latencies.length,
      p50: nearestRank(latencies, 0.5),
      p99: nearestRank(latencies, 0.99),
    },
    tokens: {
      prompt,
      completion,
      promptPerGame: rate(prompt, games),
      completionPerGame: rate(completion, games),
    },
    cost: { usd, samples, usdPerGame: rate(usd, games) },
  };
}

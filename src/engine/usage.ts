import type { GameEvent, PlayerId, UsageTotals } from "../contract/mod.ts";

/**
 * Each player's totals of the `usage` records of `events` (the speech,
 * held speech and actions it authored), by player id in order of first record: actions
 * counted, tokens, latency (ms), cost (US dollars; a record without
 * `costUsd` adds 0) and the models named. Players with no record are
 * absent. Pure: totals of a viewer's events count only what it may see.
 */
export function usageTotals(
  events: readonly GameEvent[],
): Record<PlayerId, UsageTotals> {
  const totals: Record<PlayerId, UsageTotals> = {};
  for (const event of events) {
    if (
      event.type !== "agent_message" && event.type !== "player_action" &&
      event.type !== "speech_held"
    ) continue;
    const usage = event.usage;
    if (usage === undefined) continue;
    const author = event.type === "agent_message"
      ? event.agent_id
      : event.player_id;
    const sum = totals[author] ??= {
      actions: 0,
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: 0,
      costUsd: 0,
      models: [],
    };
    sum.actions++;
    sum.promptTokens += usage.promptTokens;
    sum.completionTokens += usage.completionTokens;
    sum.latencyMs += usage.latencyMs;
    sum.costUsd += usage.costUsd ?? 0;
    if (!sum.models.includes(usage.model)) sum.models.push(usage.model);
  }
  return totals;
}

/**
 * The scripted baseline agent: {@linkcode botStrategy} played through the
 * shared agent loop ({@linkcode runAgent}).
 * @module
 */
import type { GameEvent, PlayerId, Role } from "../src/mod.ts";
import { type AgentOptions, runAgent } from "./agent_loop.ts";
import { botStrategy } from "./bot_strategy.ts";

/** Options of {@linkcode runBot}: the agent's, without a strategy. */
export interface BotOptions extends Omit<AgentOptions, "strategy"> {
  /** Seeds the bot's choices (default 1). */
  seed?: number;
}

/** How a bot's game ended. */
export interface BotResult {
  playerId: PlayerId;
  role: Role | null;
  winner: "village" | "werewolves";
  /** Every event the bot saw, in order. */
  events: GameEvent[];
}

/** Joins `gameId` with the scripted strategy and plays until the game is over. */
export async function runBot(options: BotOptions): Promise<BotResult> {
  const seed = options.seed ?? 1;
  const result = await runAgent({
    ...options,
    seed,
    strategy: botStrategy(seed),
  });
  const { seatToken: _, ...rest } = result;
  return rest;
}

/**
 * Plays one scheduled game on a server: the server created it (from the
 * tournament's schedule: its seed, role counts and deal); this seats every
 * agent at its seat with its agent label and plays them to the end.
 * @module
 */
import { PLAYER_NAMES } from "../src/mod.ts";
import {
  type AgentResult,
  botStrategy,
  llmStrategy,
  type openModel,
  randomStrategy,
  runAgent,
  type Strategy,
} from "../agents/mod.ts";
import type { AgentConfig, TournamentConfig } from "./config.ts";
import type { ScheduledGame } from "../src/mod.ts";

/** A model client (the `openai` SDK's, made by the agents' `openModel`). */
export type ModelClient = ReturnType<typeof openModel>;

/** What {@linkcode playGame} needs. */
export interface PlayContext {
  /** The server's tRPC WebSocket URL. */
  url: string;
  config: TournamentConfig;
  /** The model client of each llm agent, by agent name. */
  models: ReadonlyMap<string, ModelClient>;
  /** Aborting it makes every seat leave. */
  signal?: AbortSignal;
}

/** A game that could not be played to its end (a seat failed, or it did not end). */
export class GameFailed extends Error {
  /** @param gameId the server's game, left unfinished */
  constructor(readonly gameId: string, message: string) {
    super(message);
    this.name = "GameFailed";
  }
}

/** The strategy of `agent` in one seat, seeded from the game and the seat. */
function strategyOf(
  agent: AgentConfig,
  seed: number,
  models: ReadonlyMap<string, ModelClient>,
): Strategy {
  if (agent.kind === "bot") {
    return agent.strategy === "random"
      ? randomStrategy(seed)
      : botStrategy(seed);
  }
  return llmStrategy({
    client: models.get(agent.name)!,
    model: agent.model!,
    mode: agent.outputMode ?? "json_schema",
    ...(agent.temperature === undefined
      ? {}
      : { temperature: agent.temperature }),
    seed,
  });
}

/**
 * Seats every agent of `game` in the server's game `gameId` (created by
 * `tournament.startGame`) and plays it to its end; the refusals each agent
 * met. Throws {@linkcode GameFailed} when a seat could not play to the end.
 */
export async function playSeats(
  context: PlayContext,
  game: ScheduledGame,
  gameId: string,
): Promise<Record<string, number>> {
  const byName = new Map(
    context.config.agents.map((agent) => [agent.name, agent]),
  );
  const refusals: Record<string, number> = {};
  const seats = game.seats.map((seat): Promise<AgentResult> => {
    const agent = byName.get(seat.agent)!;
    return runAgent({
      url: context.url,
      gameId,
      name: PLAYER_NAMES[seat.seat - 1]!,
      seat: seat.seat,
      agent: agent.name,
      strategy: strategyOf(
        agent,
        (game.seed ^ Math.imul(seat.seat, 0x9e3779b1)) >>> 0,
        context.models,
      ),
      onTurn: (record) => {
        refusals[agent.name] = (refusals[agent.name] ?? 0) +
          record.refusals.length;
      },
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  });
  const settled = await Promise.allSettled(seats);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed?.status === "rejected") {
    throw new GameFailed(
      gameId,
      `game ${gameId} (#${game.index + 1}): a seat failed: ${
        String(failed.reason)
      }`,
    );
  }
  return refusals;
}

/**
 * Plays one scheduled game on a server: creates it with the schedule's
 * seed, role counts and deal (the role of each seat) and the config's
 * settings, seats every agent at its seat with its agent label, plays them
 * to the end, and reads the god view's full log (the admin's transcript).
 * @module
 */
import type { TRPCClient } from "@trpc/client";
import {
  type AppRouter,
  type GameEvent,
  PLAYER_NAMES,
  type RoleCounts,
} from "../src/mod.ts";
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
import type { ScheduledGame } from "./schedule.ts";

/** A model client (the `openai` SDK's, made by the agents' `openModel`). */
export type ModelClient = ReturnType<typeof openModel>;

/** What {@linkcode playGame} needs. */
export interface PlayContext {
  /** The server's tRPC WebSocket URL. */
  url: string;
  /** A client holding the admin token (it creates games, reads transcripts). */
  admin: TRPCClient<AppRouter>;
  config: TournamentConfig;
  /** The role counts of every game (the config's, or the default table). */
  roles: RoleCounts;
  /** The model client of each llm agent, by agent name. */
  models: ReadonlyMap<string, ModelClient>;
  /** Aborting it makes every seat leave. */
  signal?: AbortSignal;
}

/** One game played: its id, full log and the refusals its agents met. */
export interface PlayedGame {
  gameId: string;
  /** The god view's log, `game_created` to `game_over`. */
  events: GameEvent[];
  /** Moves the server refused, per agent. */
  refusals: Record<string, number>;
}

/** A game that could not be played to its end (a seat failed to play). */
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
 * Plays `game` to its end. Throws {@linkcode GameFailed} when a seat could
 * not play it to the end (the game is then left as it is on the server).
 */
export async function playGame(
  context: PlayContext,
  game: ScheduledGame,
): Promise<PlayedGame> {
  const { config, admin } = context;
  const { gameId } = await admin.lobby.createGame.mutate({
    name: `${config.name ?? "Tournament"} #${game.index + 1}`.slice(0, 64),
    players: config.players,
    roles: context.roles,
    deal: game.seats.map((seat) => seat.role),
    seed: game.seed,
    ...(config.actionTimeoutMs === undefined
      ? {}
      : { actionTimeoutMs: config.actionTimeoutMs }),
    ...(config.turnPolicy === undefined
      ? {}
      : { turnPolicy: config.turnPolicy }),
    ...(config.votePolicy === undefined
      ? {}
      : { votePolicy: config.votePolicy }),
  });
  const byName = new Map(config.agents.map((agent) => [agent.name, agent]));
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
  const transcript = await admin.game.transcript.query({ gameId });
  if (transcript.status !== "ended") {
    throw new GameFailed(
      gameId,
      `game ${gameId} (#${game.index + 1}) did not end: ${
        failed?.status === "rejected" ? String(failed.reason) : "no seat failed"
      }`,
    );
  }
  return { gameId, events: transcript.events, refusals };
}

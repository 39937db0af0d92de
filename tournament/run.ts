/**
 * The runner: plays a tournament's schedule on a server (`url`, with the
 * admin token), within the config's concurrency limits, and scores the
 * ended games. Client code: it talks to the server only over the contract.
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import {
  type AppRouter,
  defaultRoleCounts,
  type Results,
  type RoleCounts,
  scoreGames,
} from "../src/mod.ts";
import { openModel } from "../agents/mod.ts";
import type { TournamentConfig } from "./config.ts";
import { type Claim, Gate } from "./_gate.ts";
import {
  GameFailed,
  type ModelClient,
  type PlayedGame,
  playGame,
} from "./_play_game.ts";
import { buildSchedule, type ScheduledGame, seatAgents } from "./schedule.ts";

/** What the runner reports as it goes: one per game started, ended or failed. */
export interface ProgressEvent {
  type: "started" | "ended" | "failed" | "done";
  /** The schedule's game (from 0), but for `done`. */
  index?: number;
  /** The server's game id, once created. */
  gameId?: string;
  /** Games ended so far, and in all. */
  done: number;
  total: number;
  /** Games that failed and were played again. */
  errors: number;
  /** Estimated ms to the end (from the mean time per ended game); null before one. */
  etaMs: number | null;
  /** Why a game failed. */
  message?: string;
}

/** Options of {@linkcode runTournament}. */
export interface RunOptions {
  /** The server's tRPC WebSocket URL (`ws://host:port/trpc`). */
  url: string;
  /** The server's admin token, if it has one. */
  adminToken?: string;
  /** Told of each progress event. */
  onProgress?: (event: ProgressEvent) => void;
  /** Reads an environment variable (the llm agents' keys and base URLs). */
  env?: (name: string) => string | undefined;
  /** The clock, epoch ms (default `Date.now`): only the ETA reads it. */
  now?: () => number;
  /** How many times a failed game is played again (default 2). */
  retries?: number;
}

/** A tournament's outcome: the ended games (schedule order) and their results. */
export interface TournamentOutcome {
  results: Results;
  /** The server's game id of each scheduled game, in schedule order. */
  gameIds: string[];
  /** Per scheduled game: the failed attempts before the one that counted. */
  replays: number[];
}

/** The role counts of every game: the config's, or the default table. */
export function rolesOf(config: TournamentConfig): RoleCounts {
  return config.roles ?? defaultRoleCounts(config.players);
}

/** The slots a game holds: in all, per model of its llm agents, per agent. */
function claimOf(config: TournamentConfig, game: ScheduledGame): Claim {
  const limits = new Map<string, number>();
  limits.set("all", config.concurrency?.games ?? 1);
  const names = new Set(game.seats.map((seat) => seat.agent));
  for (const agent of config.agents.filter((a) => names.has(a.name))) {
    if (agent.maxConcurrent !== undefined) {
      limits.set(`agent:${agent.name}`, agent.maxConcurrent);
    }
    const perModel = config.concurrency?.perModel;
    if (agent.kind === "llm" && perModel !== undefined) {
      limits.set(`model:${agent.model}`, perModel);
    }
  }
  return { limits };
}

/** The model client of each llm agent. */
function modelsOf(
  config: TournamentConfig,
  env: (name: string) => string | undefined,
): Map<string, ModelClient> {
  const models = new Map<string, ModelClient>();
  for (const agent of config.agents) {
    if (agent.kind !== "llm") continue;
    const baseUrl = agent.baseUrl ?? env("OPENAI_BASE_URL");
    const apiKey = env(agent.apiKeyEnv ?? "OPENAI_API_KEY");
    models.set(
      agent.name,
      openModel({
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(apiKey === undefined ? {} : { apiKey }),
      }),
    );
  }
  return models;
}

/**
 * Plays every game of `config`'s schedule and scores them. A game a seat
 * could not finish is played again with the same seed and deal (up to
 * `retries` times; then the run throws), and only its ended attempt counts.
 */
export async function runTournament(
  config: TournamentConfig,
  options: RunOptions,
): Promise<TournamentOutcome> {
  const roles = rolesOf(config);
  const schedule = buildSchedule({
    agents: config.agents.map((agent) => agent.name),
    games: config.games,
    roles,
    kind: config.schedule,
    seed: config.seed,
    ...(config.selfPlay === undefined ? {} : { selfPlay: config.selfPlay }),
  });
  const now = options.now ?? Date.now;
  const ws = createWSClient({
    url: options.url,
    connectionParams: {
      clientType: "ui",
      ...(options.adminToken === undefined
        ? {}
        : { token: options.adminToken }),
    },
  });
  const admin = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  const context = {
    url: options.url,
    admin,
    config,
    roles,
    models: modelsOf(config, options.env ?? (() => undefined)),
  };
  const gate = new Gate();
  const played: (PlayedGame | undefined)[] = [];
  const replays = schedule.map(() => 0);
  const started = now();
  let done = 0;
  let errors = 0;
  const report = (
    event: Omit<ProgressEvent, "done" | "total" | "errors" | "etaMs">,
  ) =>
    options.onProgress?.({
      ...event,
      done,
      total: schedule.length,
      errors,
      etaMs: done === 0
        ? null
        : Math.round((now() - started) / done * (schedule.length - done)),
    });
  const retries = options.retries ?? 2;
  async function one(game: ScheduledGame): Promise<void> {
    const claim = claimOf(config, game);
    await gate.acquire(claim);
    try {
      for (;;) {
        report({ type: "started", index: game.index });
        try {
          played[game.index] = await playGame(context, game);
          done++;
          report({
            type: "ended",
            index: game.index,
            gameId: played[game.index]!.gameId,
          });
          return;
        } catch (error) {
          errors++;
          report({
            type: "failed",
            index: game.index,
            ...(error instanceof GameFailed ? { gameId: error.gameId } : {}),
            message: error instanceof Error ? error.message : String(error),
          });
          if (++replays[game.index]! > retries) throw error;
        }
      }
    } finally {
      gate.release(claim);
    }
  }
  try {
    await Promise.all(schedule.map(one));
  } finally {
    await ws.close();
  }
  const games = played as PlayedGame[];
  const refusals: Record<string, number> = {};
  for (const game of games) {
    for (const [agent, count] of Object.entries(game.refusals)) {
      refusals[agent] = (refusals[agent] ?? 0) + count;
    }
  }
  const results = scoreGames({
    games: games.map((game, i) => ({
      events: game.events,
      seats: seatAgents(schedule[i]!),
    })),
    agents: config.agents.map((agent) => agent.name),
    refusals,
    ...(config.voidCauses === undefined
      ? {}
      : { voidCauses: config.voidCauses }),
    bootstrap: { seed: config.seed },
  });
  report({ type: "done" });
  return { results, gameIds: games.map((game) => game.gameId), replays };
}

/**
 * The runner: registers a tournament on a server (`url`, with the admin
 * token) and plays its schedule within the config's concurrency limits; the
 * server creates each game, keeps each game's outcome and scores them.
 * Client code: it talks to the server only over the contract.
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import {
  type AppRouter,
  type Results,
  type ScheduledGame,
} from "../src/mod.ts";
import type { TournamentConfig } from "./config.ts";
import { Gate } from "./_gate.ts";
import { Capacity, sleep } from "./_capacity.ts";
import { playSeats } from "./_play_game.ts";
import { claimOf, modelsOf, scheduleOf, tournamentSpec } from "./spec.ts";

/**
 * What the runner reports as it goes: once when the tournament is found
 * (`resumed`, with the games already ended), then one per game started,
 * ended or failed, and `done`; `waiting` once when the server refuses a
 * game for want of room (SERVICE_UNAVAILABLE: its `MAX_GAMES_IN_PLAY`), which
 * is then asked for again until the server takes it.
 */
export interface ProgressEvent {
  type: "resumed" | "waiting" | "started" | "ended" | "failed" | "done";
  /** The server's tournament. */
  tournamentId: string;
  /** The schedule's game (from 0), but for `done`. */
  index?: number;
  /** The server's game id, once created. */
  gameId?: string;
  /** Games ended so far, and in all. */
  done: number;
  total: number;
  /** Games that failed and were played again. */
  errors: number;
  /** Estimated ms to the end (the mean time per game ended by this run); null before one. */
  etaMs: number | null;
  /** Why a game failed, or the server's refusal of a waiting game. */
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
  /**
   * Between two asks of a game the server refused for want of room
   * (SERVICE_UNAVAILABLE), ms; the waiting games ask one at a time.
   * Default 1000.
   */
  retryMs?: number;
  /**
   * How long one game may wait for room on the server before the run
   * fails, ms. Default 3,600,000 (an hour).
   */
  maxWaitMs?: number;
  /** Waits `ms` (default `setTimeout`): only a refused game's wait uses it. */
  sleep?: (ms: number) => Promise<void>;
}

/** A tournament's outcome: its results, and the game that counts for each slot. */
export interface TournamentOutcome {
  tournamentId: string;
  results: Results;
  /** The server's game id of each scheduled game, in schedule order. */
  gameIds: string[];
  /** Per scheduled game: the games the server created for it (more than 1: replays). */
  attempts: number[];
  /** The games already ended when this run found the tournament. */
  resumed: number;
}

/**
 * Plays `config`'s tournament on the server and returns its results, as
 * the server scores them. The tournament is registered with
 * `tournament.create` under the config's key: run again with the same
 * config, it resumes — the games already ended are kept, and the others are
 * played (one the server had started is replayed as a new game with the
 * same seed and deal, marked). A game a seat could not finish is replayed
 * too (up to `retries` times; then the run throws). A game the server
 * refuses for want of room (SERVICE_UNAVAILABLE) waits and is asked for
 * again (`retryMs`, `maxWaitMs`); it is not a failure.
 */
export async function runTournament(
  config: TournamentConfig,
  options: RunOptions,
): Promise<TournamentOutcome> {
  const spec = await tournamentSpec(config);
  const schedule = scheduleOf(spec);
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
  try {
    const { tournament } = await admin.tournament.create.mutate(spec);
    const tournamentId = tournament.tournamentId;
    const context = {
      url: options.url,
      config,
      models: modelsOf(config, options.env ?? (() => undefined)),
    };
    const gate = new Gate();
    const capacity = new Capacity({
      retryMs: options.retryMs ?? 1000,
      maxWaitMs: options.maxWaitMs ?? 3_600_000,
      now,
      sleep: options.sleep ?? sleep,
    });
    const total = schedule.length;
    let done = tournament.games.filter((s) => s.status === "ended").length;
    const resumedFrom = done;
    let errors = 0;
    const started = now();
    const report = (
      event: Omit<
        ProgressEvent,
        "done" | "total" | "errors" | "etaMs" | "tournamentId"
      >,
    ) =>
      options.onProgress?.({
        ...event,
        tournamentId,
        done,
        total,
        errors,
        etaMs: done === resumedFrom ? null : Math.round(
          (now() - started) / (done - resumedFrom) * (total - done),
        ),
      });
    report({ type: "resumed" });
    const retries = options.retries ?? 2;
    const one = async (game: ScheduledGame): Promise<void> => {
      const claim = claimOf(config, game);
      await gate.acquire(claim);
      try {
        for (let failures = 0;; failures++) {
          const start = await capacity.start(
            () =>
              admin.tournament.startGame.mutate({
                tournamentId,
                index: game.index,
              }),
            (message) =>
              report({ type: "waiting", index: game.index, message }),
          );
          if (!start.ended) {
            report({
              type: "started",
              index: game.index,
              gameId: start.gameId,
            });
          }
          try {
            const refusals = start.ended
              ? {}
              : await playSeats(context, game, start.gameId);
            if (!start.ended) {
              await admin.tournament.finishGame.mutate({
                tournamentId,
                index: game.index,
                gameId: start.gameId,
                refusals,
              });
            }
            done++;
            report({ type: "ended", index: game.index, gameId: start.gameId });
            return;
          } catch (error) {
            errors++;
            report({
              type: "failed",
              index: game.index,
              gameId: start.gameId,
              message: error instanceof Error ? error.message : String(error),
            });
            if (failures >= retries) throw error;
          }
        }
      } finally {
        gate.release(claim);
      }
    };
    const pending = schedule.filter((game) =>
      tournament.games[game.index]?.status !== "ended"
    );
    const outcomes = await Promise.allSettled(pending.map(one));
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed?.status === "rejected") throw failed.reason;
    const results = await admin.tournament.results.query({ tournamentId });
    const final = await admin.tournament.get.query({ tournamentId });
    report({ type: "done" });
    return {
      tournamentId,
      results,
      gameIds: final.games.map((slot) => slot.gameId!),
      attempts: final.games.map((slot) => slot.attempts),
      resumed: resumedFrom,
    };
  } finally {
    await ws.close();
  }
}

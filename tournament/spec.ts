/**
 * What the runner makes of a config: the tournament the server registers
 * (`tournament.create`, under a key hashed from the config, so the same
 * config finds it again), its schedule, each game's concurrency claim and
 * the llm agents' model clients.
 * @module
 */
import {
  buildSchedule,
  DEFAULT_VOID_CAUSES,
  defaultRoleCounts,
  type RoleCounts,
  type ScheduledGame,
  type TournamentCreateInput,
} from "../src/mod.ts";
import { openModel } from "../agents/mod.ts";
import type { TournamentConfig } from "./config.ts";
import type { Claim } from "./_gate.ts";
import type { ModelClient } from "./_play_game.ts";

/** The role counts of every game: the config's, or the default table. */
export function rolesOf(config: TournamentConfig): RoleCounts {
  return config.roles ?? defaultRoleCounts(config.players);
}

/** The slots a game holds: in all, per model of its llm agents, per agent. */
export function claimOf(config: TournamentConfig, game: ScheduledGame): Claim {
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
export function modelsOf(
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

/** The key `tournament.create` is given: a SHA-256 of the config's canonical JSON. */
export async function configKey(config: TournamentConfig): Promise<string> {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === "object"
      ? Object.fromEntries(
        Object.keys(value).sort().map((k) => [
          k,
          canonical((value as Record<string, unknown>)[k]),
        ]),
      )
      : value;
  const bytes = new TextEncoder().encode(JSON.stringify(canonical(config)));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

/** What `tournament.create` is given for `config`. */
export async function tournamentSpec(
  config: TournamentConfig,
): Promise<TournamentCreateInput> {
  return {
    key: await configKey(config),
    name: config.name ?? "Tournament",
    agents: config.agents.map((agent) => agent.name),
    settings: {
      players: config.players,
      roles: rolesOf(config),
      ...(config.actionTimeoutMs === undefined
        ? {}
        : { actionTimeoutMs: config.actionTimeoutMs }),
      ...(config.turnPolicy === undefined
        ? {}
        : { turnPolicy: config.turnPolicy }),
      ...(config.votePolicy === undefined
        ? {}
        : { votePolicy: config.votePolicy }),
    },
    schedule: {
      kind: config.schedule,
      games: config.games,
      seed: config.seed,
      ...(config.selfPlay === undefined ? {} : { selfPlay: config.selfPlay }),
    },
    voidCauses: [...(config.voidCauses ?? DEFAULT_VOID_CAUSES)],
    bootstrapSeed: config.seed,
  };
}

/** The schedule of `spec`: the same the server builds. */
export function scheduleOf(spec: TournamentCreateInput): ScheduledGame[] {
  return buildSchedule({
    agents: spec.agents,
    games: spec.schedule.games,
    roles: spec.settings.roles,
    kind: spec.schedule.kind,
    seed: spec.schedule.seed,
    ...(spec.schedule.selfPlay === undefined
      ? {}
      : { selfPlay: spec.schedule.selfPlay }),
  });
}

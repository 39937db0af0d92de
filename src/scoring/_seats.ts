/**
 * One seat's facts and how they start: the seat map checked against the
 * game's roles, every counter at zero, usage added per action.
 * @module
 */
import {
  DEFAULT_CAUSES,
  type GameEvent,
  type GameEventOf,
  type Role,
  type Usage,
} from "../contract/mod.ts";
import type { SeatResultSchema } from "./results.ts";
import type { z } from "zod";

/** A default's cause. */
export type Cause = (typeof DEFAULT_CAUSES)[number];

/** A side: who may win. */
export type Side = "village" | "werewolves";

/** One ended game to score. */
export interface GameInput {
  /** The game's full log, `game_created` to `game_over`. */
  events: readonly GameEvent[];
  /** The agent in each seat, by player id (`p1` ...): every seat, no other. */
  seats: Readonly<Record<string, string>>;
}

/** One seat's facts: what `games.csv` shows, and what the metrics need. */
export interface SeatFacts extends z.infer<typeof SeatResultSchema> {
  inspections: number;
  werewolvesFound: number;
  witchSaves: number;
  guardSaves: number;
  actions: number;
  latencies: number[];
  costSamples: number;
}

/** The side a role plays on. */
export function sideOf(role: Role): Side {
  return role === "werewolf" ? "werewolves" : "village";
}

/** Zero of every default cause. */
export function noCauses(): Record<Cause, number> {
  return Object.fromEntries(DEFAULT_CAUSES.map((c) => [c, 0])) as Record<
    Cause,
    number
  >;
}

const COUNTERS = [
  "votes",
  "votesOnWerewolves",
  "messages",
  "chars",
  "promptTokens",
  "completionTokens",
  "costUsd",
  "inspections",
  "werewolvesFound",
  "witchSaves",
  "guardSaves",
  "actions",
  "costSamples",
] as const;

function newSeat(
  player_id: string,
  agent: string,
  role: Role,
  winner: Side,
): SeatFacts {
  const side = sideOf(role);
  return {
    player_id,
    agent,
    role,
    side,
    won: side === winner,
    alive: true,
    defaults: noCauses(),
    latencies: [],
    ...Object.fromEntries(COUNTERS.map((key) => [key, 0])) as Record<
      (typeof COUNTERS)[number],
      number
    >,
  };
}

/** Adds one action's usage to its seat. */
export function addUsage(seat: SeatFacts, usage: Usage | undefined): void {
  if (usage === undefined) return;
  seat.promptTokens += usage.promptTokens;
  seat.completionTokens += usage.completionTokens;
  seat.latencies.push(usage.latencyMs);
  if (usage.costUsd !== undefined) {
    seat.costUsd += usage.costUsd;
    seat.costSamples++;
  }
}

/**
 * Every seat of the game with its agent, in seat order; throws a RangeError
 * when the seat map misses a seat or names one the game does not have.
 */
export function seatsOf(
  input: GameInput,
  over: GameEventOf<"game_over">,
  id: string,
): Map<string, SeatFacts> {
  const seats = new Map<string, SeatFacts>();
  const bySeat = Object.entries(over.roles).sort(([a], [b]) =>
    Number(a.slice(1)) - Number(b.slice(1))
  );
  for (const [player_id, role] of bySeat) {
    const agent = input.seats[player_id];
    if (agent === undefined) {
      throw new RangeError(
        `game ${id}: seat ${player_id} has no agent: the seat map must name every seat`,
      );
    }
    seats.set(player_id, newSeat(player_id, agent, role, over.winner));
  }
  for (const player_id of Object.keys(input.seats)) {
    if (!seats.has(player_id)) {
      throw new RangeError(
        `game ${id} has no seat ${player_id}: the seat map names only the game's seats`,
      );
    }
  }
  return seats;
}

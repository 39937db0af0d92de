/**
 * One ended game's facts per seat, read from its full log (the god view, or
 * the transcript's events): role, side, outcome, votes, inspections, saves,
 * speech, defaults and usage. Everything else in scoring folds these.
 * @module
 */
import {
  DEFAULT_CAUSES,
  type GameEvent,
  type GameEventOf,
  type Role,
  type Usage,
} from "../../src/mod.ts";
import type { SeatResultSchema } from "../results.ts";
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

/** One game's facts. */
export interface GameFacts {
  id: string;
  seed: number | null;
  winner: Side;
  days: number;
  seats: SeatFacts[];
  /** Defaults applied in the game, by cause. */
  causes: Record<Cause, number>;
  /** One agent holds seats on both sides. */
  selfPlay: boolean;
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

function newSeat(player_id: string, agent: string, role: Role, winner: Side) {
  const side = sideOf(role);
  const seat: SeatFacts = {
    player_id,
    agent,
    role,
    side,
    won: side === winner,
    alive: true,
    votes: 0,
    votesOnWerewolves: 0,
    messages: 0,
    chars: 0,
    defaults: noCauses(),
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    inspections: 0,
    werewolvesFound: 0,
    witchSaves: 0,
    guardSaves: 0,
    actions: 0,
    latencies: [],
    costSamples: 0,
  };
  return seat;
}

function addUsage(seat: SeatFacts, usage: Usage | undefined): void {
  if (usage === undefined) return;
  seat.promptTokens += usage.promptTokens;
  seat.completionTokens += usage.completionTokens;
  seat.latencies.push(usage.latencyMs);
  if (usage.costUsd !== undefined) {
    seat.costUsd += usage.costUsd;
    seat.costSamples++;
  }
}

/** One night's facts, for the guard's saves. */
interface Night {
  guard?: { seat: SeatFacts; target: string };
  informed: boolean;
  victim: string | null;
  witchSaved: boolean;
  killed: boolean;
}

function seatsOf(input: GameInput, over: GameEventOf<"game_over">, id: string) {
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

/**
 * Reads one ended game; throws a RangeError when the log has no
 * `game_created` or `game_over`, or the seat map does not match its seats.
 */
export function readGame(input: GameInput): GameFacts {
  const created = input.events.find((e) => e.type === "game_created");
  const over = input.events.findLast((e) => e.type === "game_over");
  if (created === undefined || over === undefined) {
    throw new RangeError(
      `a game log without ${
        created ? "game_over" : "game_created"
      }: only ended games' full logs are scored`,
    );
  }
  const id = created.gameId;
  const seats = seatsOf(input, over, id);
  const seatOf = (player_id: string): SeatFacts => {
    const seat = seats.get(player_id);
    if (seat !== undefined) return seat;
    throw new RangeError(
      `game ${id}: an event names ${player_id}, who has no role at game_over`,
    );
  };
  const causes = noCauses();
  const nights = new Map<number, Night>();
  let day = 0;
  const night = (): Night => {
    const known = nights.get(day);
    if (known) return known;
    const fresh = {
      informed: false,
      victim: null,
      witchSaved: false,
      killed: false,
    };
    nights.set(day, fresh);
    return fresh;
  };
  for (const event of input.events) {
    switch (event.type) {
      case "phase_update":
        day = event.day;
        break;
      case "player_action": {
        const seat = seatOf(event.player_id);
        seat.actions++;
        addUsage(seat, event.usage);
        if (event.default) {
          seat.defaults[event.default.cause]++;
          causes[event.default.cause]++;
        }
        if (event.action === "vote" && event.target !== null) {
          seat.votes++;
          if (over.roles[event.target] === "werewolf") seat.votesOnWerewolves++;
        }
        if (event.action === "witch_save") {
          seat.witchSaves++;
          night().witchSaved = true;
        }
        if (event.action === "guard_protect" && event.target !== null) {
          night().guard = { seat, target: event.target };
        }
        break;
      }
      case "agent_message": {
        const seat = seatOf(event.agent_id);
        seat.actions++;
        seat.messages++;
        seat.chars += event.message_text.length;
        addUsage(seat, event.usage);
        break;
      }
      case "seer_result": {
        const seat = seatOf(event.seer_id);
        seat.inspections++;
        if (event.is_werewolf) seat.werewolvesFound++;
        break;
      }
      case "witch_info":
        Object.assign(night(), { informed: true, victim: event.victim });
        break;
      case "player_died":
        seatOf(event.player_id).alive = false;
        if (event.cause === "werewolves") night().killed = true;
        break;
    }
  }
  for (
    const { guard, informed, victim, witchSaved, killed } of nights.values()
  ) {
    if (guard === undefined) continue;
    const saved = informed ? victim === guard.target : !killed && !witchSaved;
    if (saved) guard.seat.guardSaves++;
  }
  const sides = new Map<string, Set<Side>>();
  for (const seat of seats.values()) {
    sides.set(seat.agent, (sides.get(seat.agent) ?? new Set()).add(seat.side));
  }
  return {
    id,
    seed: created.seed ?? null,
    winner: over.winner,
    days: day,
    seats: [...seats.values()],
    causes,
    selfPlay: [...sides.values()].some((s) => s.size === 2),
  };
}

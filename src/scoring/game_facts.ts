/**
 * One ended game's facts per seat, read from its full log (the god view, or
 * the transcript's events): role, side, outcome, votes, inspections, saves,
 * speech, defaults and usage. Everything else in scoring folds these.
 * @module
 */
import {
  addUsage,
  type Cause,
  type GameInput,
  noCauses,
  type SeatFacts,
  seatsOf,
  type Side,
} from "./_seats.ts";

export {
  type Cause,
  type GameInput,
  noCauses,
  type SeatFacts,
  type Side,
  sideOf,
} from "./_seats.ts";

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

/** One night's facts, for the guard's saves. */
interface Night {
  guard?: { seat: SeatFacts; target: string };
  informed: boolean;
  victim: string | null;
  witchSaved: boolean;
  killed: boolean;
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

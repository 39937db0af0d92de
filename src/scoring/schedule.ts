/**
 * The tournament's schedule: which agent sits in which seat with which role
 * in each game. Pure and seeded: the same options give the same games, and
 * the games of a shorter tournament are the first games of a longer one.
 *
 * The server (`tournament.*`) builds it from the tournament's options and
 * creates each game with the schedule's `seed`, role counts and deal (the
 * role of each seat); the runner builds the same to seat each agent with
 * `lobby.join`'s `seat`. So the schedule decides roles itself.
 *
 * Every game is one agent's team against another's: the werewolves' agent
 * holds every werewolf seat, the village's agent every other seat (one
 * player per seat, each seat its own agent process). A game is self-play
 * when both are the same agent (only with `selfPlay`, or with one agent).
 * The seeded draws: the agents' order once, then each round's (rotation) or
 * each seating's (mirror) deal of roles to seats, and each game's seed.
 *
 * What is balanced, across agents, for A agents (see the README):
 * - rotation, after any number of games: for every seat, the games in which
 *   an agent sat there; for every role, the games in which it held that role;
 *   for each side, the games it played it — each differs by at most one.
 *   Round `k` (A games, cycling k = 1..A-1, or 0..A-1 with self-play) seats
 *   agent `a` as werewolves against `a + k` for every `a`, all with the
 *   round's one deal, so each agent plays each side once and holds each seat
 *   once per round. After whole rounds, games per agent and seats per role
 *   per agent are equal too (within a round they may differ by 2 games, or
 *   by that role's count of seats).
 * - mirror (even games): game 2j+1 is game 2j with the sides swapped, same
 *   seed, same deal. Its pairs of agents come in rounds (a perfect matching
 *   for even A, a Hamiltonian cycle for odd A), ordered so that the pairs
 *   holding each agent differ by at most one after every pair: the same three
 *   counts as rotation's differ by at most one after every even game.
 * @module
 */
import {
  type PlayerId,
  type Role,
  type RoleCounts,
  ROLES,
} from "../contract/mod.ts";
import { below, mulberry32, shuffled } from "./_random.ts";
import {
  type Lineup,
  mirrorRound,
  mirrorRounds,
  rotationRound,
} from "./_pairings.ts";

/** One seat of a scheduled game: seat 1 is player `p1`. */
export interface ScheduledSeat {
  seat: number;
  agent: string;
  role: Role;
}

/** One game of the schedule. */
export interface ScheduledGame {
  /** Its place in the schedule, from 0. */
  index: number;
  /** The game's seed (`lobby.createGame`'s `seed`), a uint32. */
  seed: number;
  /** The round it belongs to, from 0. */
  round: number;
  /** Mirror: the index of the game it swaps (the pair's second game). */
  mirrorOf?: number;
  /** Whether one agent holds both sides. */
  selfPlay: boolean;
  /** Every seat in order, seat 1 first. */
  seats: ScheduledSeat[];
}

/** What a schedule is made of. */
export interface ScheduleOptions {
  /** The agents' names, distinct; at least 2 for mirror. */
  agents: readonly string[];
  /** How many games (mirror: even). */
  games: number;
  /** The role counts of every game; they add up to the seats. */
  roles: RoleCounts;
  kind: "rotation" | "mirror";
  /** A uint32. */
  seed: number;
  /** Rotation only: also seat each agent against itself (default false). */
  selfPlay?: boolean;
}

function seatsOf(deal: readonly Role[], names: readonly string[]) {
  return ([wolves, village]: Lineup): ScheduledSeat[] =>
    deal.map((role, i) => ({
      seat: i + 1,
      agent: names[role === "werewolf" ? wolves : village]!,
      role,
    }));
}

function check(options: ScheduleOptions, deal: readonly Role[]): void {
  const { agents, games, kind } = options;
  const problem = new Set(agents).size !== agents.length
    ? "agent names must be distinct"
    : agents.length === 0
    ? "a schedule needs at least one agent"
    : !Number.isInteger(games) || games < 0
    ? `games must be a whole number from 0, not ${games}`
    : !deal.includes("werewolf") || deal.every((r) => r === "werewolf")
    ? "the roles need a werewolf and a village side"
    : kind === "mirror" && options.selfPlay
    ? "a self-play seating swapped is the same game: selfPlay is for rotation"
    : kind === "mirror" && (agents.length < 2 || games % 2 !== 0)
    ? "mirror needs at least 2 agents and an even number of games"
    : kind === "rotation" && agents.length === 1 && !options.selfPlay
    ? "one agent can only play itself: selfPlay must be true"
    : null;
  if (problem !== null) throw new RangeError(problem);
}

/**
 * The schedule of `options.games` games; throws a RangeError that says what
 * is allowed when the options cannot be scheduled.
 */
export function buildSchedule(options: ScheduleOptions): ScheduledGame[] {
  const roles = ROLES.flatMap((r) =>
    Array<Role>(options.roles[r] ?? 0).fill(r)
  );
  check(options, roles);
  const draw = mulberry32(options.seed);
  const names = shuffled(draw, options.agents);
  const n = names.length;
  const out: ScheduledGame[] = [];
  const add = (game: Omit<ScheduledGame, "index">) =>
    out.length < options.games && out.push({ index: out.length, ...game });
  for (let round = 0; out.length < options.games; round++) {
    if (options.kind === "rotation") {
      const offsets = n === 1 ? 1 : options.selfPlay ? n : n - 1;
      const k = (round % offsets + 1) % n; // self-play's k = 0 comes last
      const seating = seatsOf(shuffled(draw, roles), names);
      for (const lineup of rotationRound(n, k)) {
        const selfPlay = lineup[0] === lineup[1];
        add({
          seed: below(draw, 2 ** 32),
          round,
          selfPlay,
          seats: seating(lineup),
        });
      }
    } else {
      for (const [x, y] of mirrorRound(n, round % mirrorRounds(n))) {
        const seating = seatsOf(shuffled(draw, roles), names);
        const seed = below(draw, 2 ** 32);
        add({ seed, round, selfPlay: false, seats: seating([x, y]) });
        const mirrorOf = out.length - 1;
        add({ seed, round, mirrorOf, selfPlay: false, seats: seating([y, x]) });
      }
    }
  }
  return out;
}

/** A scheduled game's seats as scoring takes them: player id → agent. */
export function seatAgents(game: ScheduledGame): Record<PlayerId, string> {
  return Object.fromEntries(game.seats.map((s) => [`p${s.seat}`, s.agent]));
}

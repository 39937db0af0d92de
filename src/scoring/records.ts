/**
 * Win counts per agent: overall, per side and per role over rated games,
 * and per side over self-play games. The unit is one agent in one game on
 * one side: an agent holding several seats of a side counts once, and once
 * per role it held.
 * @module
 */
import { type Role, ROLES, WinnerSchema } from "../contract/mod.ts";
import type { AgentResult, WinStat } from "./results.ts";
import { type GameFacts, type Side, sideOf } from "./game_facts.ts";
import { wilson } from "./intervals.ts";

const SIDES = WinnerSchema.options;

/** The sides and roles `agent` held in `game`. */
function holdings(
  game: GameFacts,
  agent: string,
): { sides: Set<Side>; roles: Set<Role> } {
  const sides = new Set<Side>();
  const roles = new Set<Role>();
  for (const seat of game.seats) {
    if (seat.agent !== agent) continue;
    sides.add(seat.side);
    roles.add(seat.role);
  }
  return { sides, roles };
}

interface Count {
  games: number;
  wins: number;
}

const zero = (): Count => ({ games: 0, wins: 0 });

function tally(games: readonly GameFacts[], agent: string) {
  const overall = zero();
  const side: Record<Side, Count> = { village: zero(), werewolves: zero() };
  const role = Object.fromEntries(ROLES.map((r) => [r, zero()])) as Record<
    Role,
    Count
  >;
  const count = (c: Count, won: boolean) => {
    c.games++;
    if (won) c.wins++;
  };
  for (const game of games) {
    const { sides, roles } = holdings(game, agent);
    if (sides.size === 0) continue;
    count(overall, sides.has(game.winner));
    for (const s of sides) count(side[s], s === game.winner);
    for (const r of roles) count(role[r], sideOf(r) === game.winner);
  }
  return { overall, side, role };
}

const stat = ({ games, wins }: Count) => wilson(wins, games);

/**
 * `agent`'s record over `rated` games (cross-play, not voided): games and
 * wins overall, per side and per role, each with its Wilson interval.
 */
export function recordOf(
  rated: readonly GameFacts[],
  agent: string,
): AgentResult["record"] {
  const { overall, side, role } = tally(rated, agent);
  return {
    overall: stat(overall),
    bySide: Object.fromEntries(SIDES.map((s) => [s, stat(side[s])])) as Record<
      Side,
      WinStat
    >,
    byRole: Object.fromEntries(ROLES.map((r) => [r, stat(role[r])])) as Record<
      Role,
      WinStat
    >,
  };
}

/**
 * `agent`'s self-play games (not voided) and its wins per side there: in
 * each, it plays (and wins) one of the two sides.
 */
export function selfPlayOf(
  selfPlay: readonly GameFacts[],
  agent: string,
): AgentResult["selfPlay"] {
  const { overall, side } = tally(selfPlay, agent);
  return {
    games: overall.games,
    bySide: Object.fromEntries(SIDES.map((s) => [s, stat(side[s])])) as Record<
      Side,
      WinStat
    >,
  };
}

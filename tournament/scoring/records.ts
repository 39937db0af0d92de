/**
 * Win counts per agent: overall, per side and per role over rated games,
 * and per side over self-play games. The unit is one agent in one game on
 * one side: an agent holding several seats of a side counts once, and once
 * per role it held.
 * @module
 */
import { type Role, ROLES, WinnerSchema } from "../../src/mod.ts";
import type { AgentResult } from "../results.ts";
import type { GameFacts, Side } from "./game_facts.ts";
import { wilson } from "./intervals.ts";

const SIDES = WinnerSchema.options;

/** The sides and roles `agent` held in `game`, and whether each side won. */
export function holdings(
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

function tally(games: readonly GameFacts[], agent: string) {
  const side = { village: [0, 0], werewolves: [0, 0] } as Record<
    Side,
    number[]
  >;
  const role = Object.fromEntries(ROLES.map((r) => [r, [0, 0]])) as Record<
    Role,
    number[]
  >;
  let played = 0;
  let won = 0;
  for (const game of games) {
    const { sides, roles } = holdings(game, agent);
    if (sides.size === 0) continue;
    played++;
    if (sides.has(game.winner)) won++;
    for (const s of sides) {
      side[s]![0]!++;
      if (s === game.winner) side[s]![1]!++;
    }
    for (const r of roles) {
      role[r]![0]!++;
      if ((r === "werewolf" ? "werewolves" : "village") === game.winner) {
        role[r]![1]!++;
      }
    }
  }
  return { played, won, side, role };
}

/**
 * `agent`'s record over `rated` games (cross-play, not voided): games and
 * wins overall, per side and per role, each with its Wilson interval.
 */
export function recordOf(
  rated: readonly GameFacts[],
  agent: string,
): AgentResult["record"] {
  const { played, won, side, role } = tally(rated, agent);
  const stat = ([games, wins]: number[]) => wilson(wins!, games!);
  return {
    overall: wilson(won, played),
    bySide: Object.fromEntries(
      SIDES.map((s) => [s, stat(side[s]!)]),
    ) as AgentResult["record"]["bySide"],
    byRole: Object.fromEntries(
      ROLES.map((r) => [r, stat(role[r]!)]),
    ) as AgentResult["record"]["byRole"],
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
  const { played, side } = tally(selfPlay, agent);
  const stat = ([games, wins]: number[]) => wilson(wins!, games!);
  return {
    games: played,
    bySide: Object.fromEntries(
      SIDES.map((s) => [s, stat(side[s]!)]),
    ) as AgentResult["selfPlay"]["bySide"],
  };
}

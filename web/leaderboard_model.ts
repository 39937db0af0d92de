/**
 * The tournaments' view, DOM-free: its routes (`#/tournaments`,
 * `#/tournaments/{id}`, either with `?lang=fr`) and what the leaderboard
 * folds out of `tournament.results` (the `results.json` shape): the ranked
 * rows with their intervals, win rate per role, the rating history, cost
 * against win rate and the games with their replay links. Nothing here is
 * computed that the server did not give: each value is read, only ordered
 * and formatted.
 * @module
 */
import type { Locale, Results, Role, WinStat } from "../src/mod.ts";
import { gameHash } from "./routes.ts";

/** Where the tournaments' view is: the list, or one tournament. */
export interface BoardRoute {
  /** The tournament shown, or null for the list. */
  tournamentId: string | null;
  /** The view's language (`?lang=`, default English). */
  locale: Locale;
}

const ROUTE = /^#\/tournaments(?:\/(t-[a-z0-9]{12}))?(?:\?lang=(en|fr))?$/;

/** The tournaments' route of a hash, or null for any other page. */
export function boardRouteOf(hash: string): BoardRoute | null {
  const match = ROUTE.exec(hash);
  if (match === null) return null;
  return {
    tournamentId: match[1] ?? null,
    locale: (match[2] ?? "en") as Locale,
  };
}

/** The hash of the list (`tournamentId` null) or of one tournament. */
export function boardHash(
  tournamentId: string | null,
  locale: Locale = "en",
): string {
  const lang = locale === "en" ? "" : `?lang=${locale}`;
  return `#/tournaments${
    tournamentId === null ? "" : `/${tournamentId}`
  }${lang}`;
}

/** One ranked agent of the leaderboard. */
export interface BoardRow {
  /** 1 for the first. */
  rank: number;
  agent: string;
  /** Overall OpenSkill μ and its bootstrap 95% interval. */
  mu: number;
  low: number;
  high: number;
  /** The overall record, with its Wilson interval. */
  win: WinStat;
  /** Mean cost per game in USD, or null when no cost was reported. */
  costPerGame: number | null;
}

/** The agents in the order `results.json` ranks them (OpenSkill μ). */
export function boardRows(results: Results): BoardRow[] {
  return results.agents.map((agent, i) => ({
    rank: i + 1,
    agent: agent.agent,
    mu: agent.openskill.overall.mu,
    low: agent.openskill.overall.low,
    high: agent.openskill.overall.high,
    win: agent.record.overall,
    costPerGame: agent.health.cost.samples > 0
      ? agent.health.cost.usdPerGame
      : null,
  }));
}

/** The roles in the order the page lists them; others follow by name. */
const ROLE_ORDER = [
  "werewolf",
  "villager",
  "seer",
  "witch",
  "guard",
  "hunter",
] as const satisfies readonly Role[];

/** Win rate per role: the roles some agent held, and each agent's stats. */
export interface RoleTable {
  roles: Role[];
  agents: { agent: string; byRole: Partial<Record<Role, WinStat>> }[];
}

/** Each ranked agent's record per role, over the roles anyone held. */
export function roleTable(results: Results): RoleTable {
  const held = new Set<Role>();
  for (const agent of results.agents) {
    for (const [role, stat] of Object.entries(agent.record.byRole)) {
      if (stat.games > 0) held.add(role as Role);
    }
  }
  const order = (role: Role) => {
    const at = (ROLE_ORDER as readonly Role[]).indexOf(role);
    return at === -1 ? ROLE_ORDER.length : at;
  };
  const roles = [...held].sort((a, b) =>
    order(a) - order(b) || (a < b ? -1 : 1)
  );
  return {
    roles,
    agents: results.agents.map((agent) => ({
      agent: agent.agent,
      byRole: agent.record.byRole,
    })),
  };
}

/** The rating history as lines: x is the rated game's number (1, 2, …). */
export interface HistoryLines {
  games: number[];
  lines: { agent: string; mu: number[] }[];
}

/** One line per ranked agent through `ratingHistory`'s steps. */
export function historyLines(results: Results): HistoryLines {
  const steps = results.ratingHistory;
  return {
    games: steps.map((_, i) => i + 1),
    lines: results.agents.map(({ agent }) => ({
      agent,
      mu: steps.map((step) => step.mu[agent] ?? Number.NaN),
    })),
  };
}

/** An agent's point of the cost chart. */
export interface CostPoint {
  agent: string;
  /** Overall win rate, 0 to 1. */
  winRate: number;
  /** Mean cost per game, USD. */
  usd: number;
}

/** The agents with both a win rate and a reported cost. */
export function costPoints(results: Results): CostPoint[] {
  return boardRows(results).flatMap((row) =>
    row.win.rate === null || row.costPerGame === null
      ? []
      : [{ agent: row.agent, winRate: row.win.rate, usd: row.costPerGame }]
  );
}

/** Whether a game counts for the ratings, and if not why. */
export type GameCount = "rated" | "voided" | "self_play";

/** One game of the tournament, with its replay's hash. */
export interface BoardGame {
  gameId: string;
  winner: Results["games"][number]["winner"];
  days: number;
  count: GameCount;
  /** The page's route to the game's replay, at its first step. */
  href: string;
}

/** The tournament's ended games, in schedule order. */
export function boardGames(results: Results): BoardGame[] {
  return results.games.map((game) => ({
    gameId: game.id,
    winner: game.winner,
    days: game.days,
    count: game.voided ? "voided" : game.selfPlay ? "self_play" : "rated",
    href: gameHash(game.id, 1),
  }));
}

/** A rate as a percentage in `locale`, "–" for null (nothing to count). */
export function percentText(locale: Locale, rate: number | null): string {
  if (rate === null) return "–";
  return new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(rate);
}

/** A number with one decimal in `locale`. */
export function decimalText(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A cost in USD in `locale`, "–" for null (none reported). */
export function usdText(locale: Locale, usd: number | null): string {
  if (usd === null) return "–";
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    maximumSignificantDigits: 3,
  }).format(usd);
}

/** An interval `[low – high]` of two already formatted bounds. */
export function intervalText(low: string, high: string): string {
  return `[${low} – ${high}]`;
}

/** The agents' colours, by rank (the charts and the table's swatches). */
export const AGENT_COLORS: readonly string[] = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#ca8a04",
  "#db2777",
];

/** The colour of the agent ranked `index` (from 0). */
export function agentColor(index: number): string {
  return AGENT_COLORS[index % AGENT_COLORS.length]!;
}

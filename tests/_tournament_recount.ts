/**
 * The tournament metrics counted again from the games' transcripts, written
 * apart from `tournament/scoring/` (its functions are not called), to check
 * `results.json` against: each seat's agent from `player_joined.agent`, its
 * role from `game_over.roles`, and the README's definitions.
 * @module
 */
import type { GameEvent, Role } from "../src/contract/mod.ts";

type Side = "werewolves" | "village";

/** One seat as the transcript has it. */
export interface SeatCount {
  player_id: string;
  agent: string;
  role: Role;
  side: Side;
  alive: boolean;
  votes: number;
  votesOnWerewolves: number;
  messages: number;
  chars: number;
  inspections: number;
  werewolvesFound: number;
  witchSaves: number;
  deadlineDefaults: number;
}

/** One game as the transcript has it. */
export interface GameCount {
  id: string;
  winner: Side;
  days: number;
  seats: SeatCount[];
}

/** Reads one ended game's full transcript. */
export function countGame(events: readonly GameEvent[]): GameCount {
  let id = "";
  let winner: Side | null = null;
  let days = 0;
  const agents = new Map<string, string>();
  let roles: Record<string, Role> = {};
  for (const event of events) {
    if (event.type === "game_created") id = event.gameId;
    if (event.type === "player_joined") {
      agents.set(event.player_id, event.agent ?? "?");
    }
    if (event.type === "phase_update") days = event.day;
    if (event.type === "game_over") {
      winner = event.winner;
      roles = event.roles;
    }
  }
  if (winner === null) throw new Error(`game ${id} did not end`);
  const seats = new Map<string, SeatCount>();
  for (const [player_id, role] of Object.entries(roles)) {
    seats.set(player_id, {
      player_id,
      agent: agents.get(player_id)!,
      role,
      side: role === "werewolf" ? "werewolves" : "village",
      alive: true,
      votes: 0,
      votesOnWerewolves: 0,
      messages: 0,
      chars: 0,
      inspections: 0,
      werewolvesFound: 0,
      witchSaves: 0,
      deadlineDefaults: 0,
    });
  }
  for (const event of events) {
    if (event.type === "player_died") seats.get(event.player_id)!.alive = false;
    if (event.type === "agent_message") {
      const seat = seats.get(event.agent_id)!;
      seat.messages++;
      seat.chars += event.message_text.length;
    }
    if (event.type === "seer_result") {
      const seat = seats.get(event.seer_id)!;
      seat.inspections++;
      if (event.is_werewolf) seat.werewolvesFound++;
    }
    if (event.type === "player_action") {
      const seat = seats.get(event.player_id)!;
      if (event.action === "vote" && event.target !== null) {
        seat.votes++;
        if (roles[event.target] === "werewolf") seat.votesOnWerewolves++;
      }
      if (event.action === "witch_save") seat.witchSaves++;
      if (event.default?.cause === "deadline") seat.deadlineDefaults++;
    }
  }
  const ordered = [...seats.values()].sort((a, b) =>
    Number(a.player_id.slice(1)) - Number(b.player_id.slice(1))
  );
  return { id, winner, days, seats: ordered };
}

/** Wins of games with the 95% Wilson interval (z = 1.959964), as the README writes it. */
export function wilsonOf(wins: number, n: number) {
  if (n === 0) return { games: 0, wins: 0, rate: null, low: null, high: null };
  const z = 1.959963984540054;
  const p = wins / n;
  const mid = p + z * z / (2 * n);
  const spread = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  const scale = 1 + z * z / n;
  return {
    games: n,
    wins,
    rate: p,
    low: Math.max(0, (mid - spread) / scale),
    high: Math.min(1, (mid + spread) / scale),
  };
}

/** The agent's record overall, per side and per role (a role: held at least one seat of it). */
export function recordOf(games: readonly GameCount[], agent: string) {
  const tally = new Map<string, { n: number; w: number }>();
  const add = (key: string, won: boolean) => {
    const t = tally.get(key) ?? { n: 0, w: 0 };
    t.n++;
    if (won) t.w++;
    tally.set(key, t);
  };
  for (const game of games) {
    const mine = game.seats.filter((s) => s.agent === agent);
    if (mine.length === 0) continue;
    const sides = new Set(mine.map((s) => s.side));
    add("overall", sides.has(game.winner));
    for (const side of sides) add(`side:${side}`, side === game.winner);
    for (const role of new Set(mine.map((s) => s.role))) {
      add(
        `role:${role}`,
        (role === "werewolf" ? "werewolves" : "village") === game.winner,
      );
    }
  }
  const stat = (key: string) => {
    const t = tally.get(key) ?? { n: 0, w: 0 };
    return wilsonOf(t.w, t.n);
  };
  return { stat, keys: [...tally.keys()] };
}

/** Elo as werewolves and as village, K 32 from 1500, against the other side's mean (README). */
export function eloOf(games: readonly GameCount[]): Map<string, number> {
  const elo = new Map<string, number>();
  const get = (k: string) => elo.get(k) ?? 1500;
  for (const game of games) {
    const team = (side: Side) => [
      ...new Set(
        game.seats.filter((s) => s.side === side).map((s) =>
          `${s.agent}:${side}`
        ),
      ),
    ];
    const wolves = team("werewolves");
    const village = team("village");
    const mean = (keys: string[]) =>
      keys.reduce((a, k) => a + get(k), 0) / keys.length;
    const [mw, mv] = [mean(wolves), mean(village)];
    const next: [string, number][] = [];
    for (const k of wolves) {
      const e = 1 / (1 + 10 ** ((mv - get(k)) / 400));
      next.push([
        k,
        get(k) + 32 * ((game.winner === "werewolves" ? 1 : 0) - e),
      ]);
    }
    for (const k of village) {
      const e = 1 / (1 + 10 ** ((mw - get(k)) / 400));
      next.push([k, get(k) + 32 * ((game.winner === "village" ? 1 : 0) - e)]);
    }
    for (const [k, v] of next) elo.set(k, v);
  }
  return elo;
}

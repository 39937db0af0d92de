import type { GameRoom } from "./game_room.ts";

/** What the games in memory amount to, for gauges read at scrape time. */
export interface GameCensus {
  /** Games not ended, by status (`waiting` in the lobby, else `running`) and phase. */
  games: { status: "waiting" | "running"; phase: string; count: number }[];
  /** Events held in the logs in memory (games not ended and the ended ones kept). */
  events: number;
}

/** The census of the running rooms and the ended ones kept in memory. */
export function censusOf(
  running: Iterable<GameRoom>,
  ended: Iterable<GameRoom>,
): GameCensus {
  const counts = new Map<string, number>();
  let events = 0;
  for (const room of running) {
    const phase = room.state.phase;
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
    events += room.log.length;
  }
  for (const room of ended) events += room.log.length;
  const games = [...counts].map(([phase, count]) => ({
    status: phase === "lobby" ? "waiting" as const : "running" as const,
    phase,
    count,
  }));
  return { games, events };
}

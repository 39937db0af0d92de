/**
 * The input of a tournament's scoring: its ended games' logs in schedule
 * order, read one at a time from the game service.
 * @module
 */
import type {
  GameEvent,
  TournamentCreateInput,
  TournamentSlot,
} from "../contract/mod.ts";
import { type ScheduledGame, seatAgents } from "../scoring/mod.ts";
import type { GameService } from "./game_service.ts";

/** What scoring a tournament needs: its ended games in schedule order. */
export interface TournamentGames {
  spec: TournamentCreateInput;
  /** Each ended slot's full log and its seats' agents (`p1` → agent). */
  games: { events: GameEvent[]; seats: Record<string, string> }[];
  /** The refusals the runner counted, per agent, over those games. */
  refusals: Record<string, number>;
  /** The counted games that replay an earlier one that did not end. */
  replayed: string[];
  /** Whether every scheduled game has ended. */
  complete: boolean;
}

/**
 * The ended slots of `options.slots` with their games' god-view logs and
 * their seats' agents; `complete` when every slot has ended.
 */
export async function endedGames(options: {
  spec: TournamentCreateInput;
  slots: readonly TournamentSlot[];
  schedule: readonly ScheduledGame[];
  games: GameService;
}): Promise<TournamentGames> {
  const slots = options.slots.filter((slot) => slot.status === "ended");
  const refusals: Record<string, number> = {};
  for (const slot of slots) {
    for (const [agent, n] of Object.entries(slot.refusals)) {
      refusals[agent] = (refusals[agent] ?? 0) + n;
    }
  }
  const games = [];
  for (const slot of slots) { // read one at a time: any store, any size
    const room = await options.games.open(slot.gameId!);
    games.push({
      events: room.transcript({ kind: "god" }).events,
      seats: seatAgents(options.schedule[slot.index]!),
    });
  }
  return {
    spec: options.spec,
    games,
    refusals,
    replayed: slots.filter((s) => s.replayed).map((s) => s.gameId!),
    complete: slots.length === options.slots.length,
  };
}

/**
 * The house bots the game service runs on this instance: the settings of
 * the games created with `houseBots: "fill"` (until `start`), and one
 * abort per game whose bots play here, so that they leave when the game
 * goes to another instance and play again on the instance that takes it
 * over (or resumes it after a restart).
 * @module
 */
import type { Clock } from "./clock.ts";
import type { GameRoom } from "./game_room.ts";
import type { GameService } from "./game_service.ts";
import {
  type HouseBots,
  replayHouseBots,
  seatHouseBots,
} from "./house_bots.ts";

/** The bots' settings of a game: their seed and think time. */
export interface HouseSettings {
  seed: number;
  thinkMs?: number;
}

/** The house bots of the games of one service (see the module's doc). */
export class HouseRuns {
  #games: GameService;
  #clock: Clock;
  /** Games with `houseBots: "fill"`, until `start`: their bots' settings. */
  #fill = new Map<string, HouseSettings>();
  /** The games whose bots play on this instance. */
  #runs = new Map<string, AbortController>();

  constructor(games: GameService, clock: Clock) {
    this.#games = games;
    this.#clock = clock;
  }

  /** Seats `count` house bots in the waiting game `gameId` (see `seatHouseBots`). */
  seat(
    gameId: string,
    settings: HouseSettings & { count: number },
  ): Promise<HouseBots> {
    return seatHouseBots(this.#games, gameId, {
      ...settings,
      clock: this.#clock,
      signal: this.#signal(gameId),
    });
  }

  /** Keeps the bots' settings of a `"fill"` game until it starts. */
  fillLater(gameId: string, settings: HouseSettings): void {
    this.#fill.set(gameId, settings);
  }

  /**
   * At `game.start` of a `"fill"` game still in the lobby: its bots take
   * every empty seat (once). Nothing for another game.
   */
  async fill(room: GameRoom): Promise<void> {
    const fill = this.#fill.get(room.gameId);
    if (fill === undefined || room.state.phase !== "lobby") return;
    this.#fill.delete(room.gameId);
    const { players, settings } = room.state;
    await this.seat(room.gameId, {
      ...fill,
      count: settings.players - players.length,
    });
  }

  /**
   * This instance runs `room`'s game now (took it over, or resumed it):
   * its house bots play again here, unless they already do.
   */
  replay(room: GameRoom): void {
    if (this.#runs.has(room.gameId)) return;
    const { players } = replayHouseBots(room, {
      clock: this.#clock,
      signal: this.#signal(room.gameId),
    });
    if (players.length === 0) this.#runs.delete(room.gameId);
  }

  /** The game left the lobby: no seats to fill any more. */
  started(gameId: string): void {
    this.#fill.delete(gameId);
  }

  /** The game ended (its bots left by themselves) or went elsewhere: they leave. */
  stop(gameId: string): void {
    this.#fill.delete(gameId);
    this.#runs.get(gameId)?.abort();
    this.#runs.delete(gameId);
  }

  /** Every bot leaves. */
  close(): void {
    for (const run of this.#runs.values()) run.abort();
    this.#runs.clear();
    this.#fill.clear();
  }

  #signal(gameId: string): AbortSignal {
    let run = this.#runs.get(gameId);
    if (run === undefined) this.#runs.set(gameId, run = new AbortController());
    return run.signal;
  }
}

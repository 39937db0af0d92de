/**
 * Tournaments on the server: registered once by key (so that the same
 * runner command resumes), each scheduled game created here with its seed,
 * role counts and deal, and each slot's outcome written as its game ends,
 * with a progress event (stored, so `tournament.progress` resumes). A slot
 * whose game did not end gets a new game with the same seed and deal (a
 * replay, marked); only the slot's last game counts, so no game counts twice.
 * @module
 */
import type {
  TournamentCreateInput,
  TournamentEvent,
  TournamentRow,
  TournamentSlot,
  TournamentView,
} from "../contract/mod.ts";
import { validateRoles } from "../engine/mod.ts";
import { ProgressFeed } from "./_tournament_feed.ts";
import { endedGames, type TournamentGames } from "./_tournament_games.ts";
import type { ScheduledGame } from "../scoring/mod.ts";
import { rowOf, sameJson, scheduleOf } from "./_tournament_rows.ts";
import type { Clock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import type { GameService } from "./game_service.ts";
import type { GameObserver } from "./observer.ts";
import type { StoredTournament, TournamentStore } from "./tournament_store.ts";

export type { TournamentGames };

/** The tournaments of one server. */
export class TournamentService {
  #games: GameService;
  #store: TournamentStore;
  #clock: Clock;
  #lastSeq = new Map<string, number>();
  #busy = new Set<string>();
  #feed: ProgressFeed;
  #schedules = new Map<string, ScheduledGame[]>();
  #observer: GameObserver | undefined;

  /** `observer` hears each tournament game started and ended. */
  constructor(
    options: {
      games: GameService;
      store: TournamentStore;
      clock: Clock;
      observer?: GameObserver | undefined;
    },
  ) {
    this.#observer = options.observer;
    this.#games = options.games;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#feed = new ProgressFeed(options.store);
  }

  /**
   * Registers `spec`, or finds the tournament of its `key` (CONFLICT when
   * that one was registered with another schedule or settings).
   */
  create(spec: TournamentCreateInput): {
    created: boolean;
    tournament: TournamentView;
  } {
    const known = this.#store.tournamentByKey(spec.key);
    if (known !== null) {
      if (!sameJson(known.spec, spec)) {
        throw new GameError(
          "CONFLICT",
          `A tournament with key ${spec.key} exists (${known.tournamentId}) with another schedule or settings: give another key, or the same config to resume it.`,
        );
      }
      return { created: false, tournament: this.get(known.tournamentId) };
    }
    const roles = validateRoles(spec.settings.players, spec.settings.roles);
    if (roles !== null) throw new GameError("BAD_REQUEST", roles.message);
    let schedule: ScheduledGame[];
    try {
      schedule = scheduleOf(spec);
    } catch (error) {
      throw new GameError(
        "BAD_REQUEST",
        `The schedule cannot be built: ${(error as Error).message}.`,
      );
    }
    const tournamentId = `t-${
      crypto.randomUUID().replaceAll("-", "").slice(0, 12)
    }`;
    this.#store.createTournament({
      tournamentId,
      spec,
      createdAt: this.#clock.now(),
    });
    this.#schedules.set(tournamentId, schedule);
    return { created: true, tournament: this.get(tournamentId) };
  }

  /** Every tournament's row, oldest first. */
  list(): TournamentRow[] {
    return this.#store.tournaments().map((t) =>
      rowOf(t, this.#store.slots(t.tournamentId))
    );
  }

  /** A tournament with every slot; NOT_FOUND when there is none. */
  get(tournamentId: string): TournamentView {
    const t = this.#find(tournamentId);
    const slots = this.#store.slots(tournamentId);
    const { key: _key, name: _name, ...rest } = t.spec;
    return { ...rowOf(t, slots), ...rest, games: slots };
  }

  /**
   * The game to play for slot `index`: a new game with the slot's seed,
   * roles and deal (a replay when an earlier one did not end); or, when the
   * slot's game has ended meanwhile (its end not yet written), that game,
   * now written as ended. PRECONDITION_FAILED for a slot already ended.
   */
  async startGame(
    tournamentId: string,
    index: number,
  ): Promise<{ gameId: string; attempt: number; ended: boolean }> {
    const t = this.#find(tournamentId);
    const slot = this.#slot(tournamentId, index);
    if (slot.status === "ended") {
      throw new GameError(
        "PRECONDITION_FAILED",
        `Game ${index} of tournament ${tournamentId} has ended (${slot.gameId}): it is not played again.`,
      );
    }
    if (slot.gameId !== null && await this.#ended(slot.gameId)) {
      this.#save(t, { ...slot, status: "ended" }, "game_ended");
      return { gameId: slot.gameId, attempt: slot.attempts, ended: true };
    }
    const busy = `${tournamentId}/${index}`;
    if (this.#busy.has(busy)) {
      throw new GameError(
        "CONFLICT",
        `Game ${index} of tournament ${tournamentId} is being created by another call: wait for its answer.`,
      );
    }
    this.#busy.add(busy);
    try {
      const game = this.#schedule(t)[index]!;
      const { settings } = t.spec;
      const { gameId } = await this.#games.create({
        ...settings,
        name: `${t.spec.name} #${index + 1}`.slice(0, 64),
        seed: game.seed,
        deal: game.seats.map((seat) => seat.role),
      });
      const attempt = slot.attempts + 1;
      this.#save(t, {
        ...slot,
        status: "playing",
        gameId,
        attempts: attempt,
        replayed: attempt > 1,
        refusals: {},
      }, "game_started");
      return { gameId, attempt, ended: false };
    } finally {
      this.#busy.delete(busy);
    }
  }

  /**
   * Writes that slot `index`'s game `gameId` ended, with the refusals the
   * runner counted. Again for an ended slot: nothing changes. CONFLICT when
   * `gameId` is not the slot's game (it was replayed), PRECONDITION_FAILED
   * when the game has not ended.
   */
  async finishGame(
    tournamentId: string,
    index: number,
    options: { gameId: string; refusals?: Record<string, number> },
  ): Promise<TournamentSlot> {
    const t = this.#find(tournamentId);
    const slot = this.#slot(tournamentId, index);
    if (slot.gameId !== options.gameId) {
      throw new GameError(
        "CONFLICT",
        `Game ${options.gameId} is not the one that counts for game ${index} of tournament ${tournamentId} (${
          slot.gameId ?? "none yet"
        }): it was replayed; play the slot's game.`,
      );
    }
    if (slot.status === "ended") return slot;
    if (!(await this.#ended(options.gameId))) {
      throw new GameError(
        "PRECONDITION_FAILED",
        `Game ${options.gameId} has not ended: write its end after its game_over.`,
      );
    }
    const ended: TournamentSlot = {
      ...slot,
      status: "ended",
      refusals: { ...options.refusals },
    };
    this.#save(t, ended, "game_ended");
    return ended;
  }

  /** The ended games of the tournament, in schedule order, for scoring. */
  games(tournamentId: string): Promise<TournamentGames> {
    const t = this.#find(tournamentId);
    return endedGames({
      spec: t.spec,
      slots: this.#store.slots(tournamentId),
      schedule: this.#schedule(t),
      games: this.#games,
    });
  }

  /**
   * The progress events after `lastEventId` (a seq; none: from the first),
   * then the live ones, until `signal` aborts. NOT_FOUND for an unknown one.
   */
  progress(
    tournamentId: string,
    options: { lastEventId?: string | null | undefined; signal?: AbortSignal },
  ): AsyncGenerator<TournamentEvent, void, undefined> {
    this.#find(tournamentId);
    return this.#feed.subscribe(tournamentId, options);
  }

  /** Ends every progress subscription. */
  close(): void {
    this.#feed.close();
  }

  /** The tournament's schedule (built once per process). */
  #schedule(t: StoredTournament): ScheduledGame[] {
    let schedule = this.#schedules.get(t.tournamentId);
    if (schedule === undefined) {
      schedule = scheduleOf(t.spec);
      this.#schedules.set(t.tournamentId, schedule);
    }
    return schedule;
  }

  #find(tournamentId: string): StoredTournament {
    const t = this.#store.tournament(tournamentId);
    if (t === null) {
      throw new GameError(
        "NOT_FOUND",
        `No tournament ${tournamentId}: tournament.list lists them.`,
      );
    }
    return t;
  }

  #slot(tournamentId: string, index: number): TournamentSlot {
    const slot = this.#store.slots(tournamentId)[index];
    if (slot === undefined) {
      throw new GameError(
        "BAD_REQUEST",
        `Tournament ${tournamentId} has no game ${index}: its games are 0 to ${
          this.#store.slots(tournamentId).length - 1
        }.`,
      );
    }
    return slot;
  }

  async #ended(gameId: string): Promise<boolean> {
    try {
      return (await this.#games.open(gameId)).state.winner !== null;
    } catch {
      return false;
    }
  }

  #save(
    t: StoredTournament,
    slot: TournamentSlot,
    type: TournamentEvent["type"],
  ) {
    const id = t.tournamentId;
    const slots = this.#store.slots(id);
    slots[slot.index] = slot;
    const seq = (this.#lastSeq.get(id) ??
      this.#store.tournamentEvents(id, 0).at(-1)?.seq ?? 0) + 1;
    const event: TournamentEvent = {
      seq,
      at: this.#clock.now(),
      type,
      index: slot.index,
      gameId: slot.gameId!,
      attempt: slot.attempts,
      done: slots.filter((s) => s.status === "ended").length,
      total: slots.length,
    };
    this.#store.saveSlot(id, slot, event);
    this.#lastSeq.set(id, seq);
    this.#feed.publish(id, event);
    this.#observer?.tournamentGame?.(type);
  }
}

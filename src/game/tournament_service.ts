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
import { ProgressFeed } from "./_tournament_feed.ts";
import { endedGames, type TournamentGames } from "./_tournament_games.ts";
import type { ScheduledGame } from "../scoring/mod.ts";
import {
  keyTaken,
  rowOf,
  sameJson,
  scheduleOf,
  slotOf,
  storedTournament,
  validSchedule,
} from "./_tournament_rows.ts";
import type { Clock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import type { GameService } from "./game_service.ts";
import type { GameObserver } from "./observer.ts";
import type { HubBus } from "./cluster.ts";
import type { StoredTournament, TournamentStore } from "./tournament_store.ts";
import { SlotWriter } from "./_tournament_writer.ts";

export type { TournamentGames };

/** The tournaments of one server. */
export class TournamentService {
  #games: GameService;
  #store: TournamentStore;
  #clock: Clock;
  #busy = new Set<string>();
  #feed: ProgressFeed;
  #schedules = new Map<string, ScheduledGame[]>();
  #writer: SlotWriter;

  /** `observer` hears each tournament game started and ended. */
  constructor(
    options: {
      games: GameService;
      store: TournamentStore;
      clock: Clock;
      observer?: GameObserver | undefined;
      /** The instances' bus (Redis): progress heard from the others. */
      bus?: HubBus | undefined;
    },
  ) {
    this.#games = options.games;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#feed = new ProgressFeed(options.store);
    const bus = options.bus;
    this.#writer = new SlotWriter({
      ...options,
      feed: this.#feed,
      share: bus?.shareTournament?.bind(bus),
    });
    bus?.listenTournaments?.((id, event) => this.#feed.publish(id, event));
  }

  /**
   * Registers `spec`, or finds the tournament of its `key` (CONFLICT when
   * that one was registered with another schedule or settings).
   */
  async create(spec: TournamentCreateInput): Promise<{
    created: boolean;
    tournament: TournamentView;
  }> {
    const known = await this.#store.tournamentByKey(spec.key);
    if (known !== null) return await this.#known(known, spec);
    const schedule = validSchedule(spec);
    const tournamentId = `t-${
      crypto.randomUUID().replaceAll("-", "").slice(0, 12)
    }`;
    const stored = await this.#store.createTournament({
      tournamentId,
      spec,
      createdAt: this.#clock.now(),
    });
    // Another server registered the key meanwhile: that one is the tournament.
    if (stored.tournamentId !== tournamentId) {
      return await this.#known(stored, spec);
    }
    this.#schedules.set(tournamentId, schedule);
    return { created: true, tournament: await this.get(tournamentId) };
  }

  /** Every tournament's row, oldest first. */
  async list(): Promise<TournamentRow[]> {
    const all = await this.#store.tournaments();
    return await Promise.all(
      all.map(async (t) => rowOf(t, await this.#store.slots(t.tournamentId))),
    );
  }

  /** A tournament with every slot; NOT_FOUND when there is none. */
  async get(tournamentId: string): Promise<TournamentView> {
    const t = await this.#find(tournamentId);
    const slots = await this.#store.slots(tournamentId);
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
    const t = await this.#find(tournamentId);
    const slot = await this.#slot(tournamentId, index);
    if (slot.status === "ended") {
      throw new GameError(
        "PRECONDITION_FAILED",
        `Game ${index} of tournament ${tournamentId} has ended (${slot.gameId}): it is not played again.`,
      );
    }
    if (slot.gameId !== null && await this.#ended(slot.gameId)) {
      await this.#writer.save(t.tournamentId, {
        slot: { ...slot, status: "ended" },
        type: "game_ended",
        before: slot,
      });
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
      await this.#writer.save(t.tournamentId, {
        slot: {
          ...slot,
          status: "playing",
          gameId,
          attempts: attempt,
          replayed: attempt > 1,
          refusals: {},
        },
        type: "game_started",
        before: slot,
      });
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
    const t = await this.#find(tournamentId);
    const slot = await this.#slot(tournamentId, index);
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
    await this.#writer.save(t.tournamentId, {
      slot: ended,
      type: "game_ended",
      before: slot,
    });
    return ended;
  }

  /** The ended games of the tournament, in schedule order, for scoring. */
  async games(tournamentId: string): Promise<TournamentGames> {
    const t = await this.#find(tournamentId);
    return await endedGames({
      spec: t.spec,
      slots: await this.#store.slots(tournamentId),
      schedule: this.#schedule(t),
      games: this.#games,
    });
  }

  /**
   * The progress events after `lastEventId` (a seq; none: from the first),
   * then the live ones, until `signal` aborts. NOT_FOUND for an unknown one.
   */
  async progress(
    tournamentId: string,
    options: { lastEventId?: string | null | undefined; signal?: AbortSignal },
  ): Promise<AsyncGenerator<TournamentEvent, void, undefined>> {
    await this.#find(tournamentId);
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

  /** The view of `known`, registered with `spec`'s key (CONFLICT unless the same). */
  async #known(
    known: StoredTournament,
    spec: TournamentCreateInput,
  ): Promise<{ created: boolean; tournament: TournamentView }> {
    if (!sameJson(known.spec, spec)) {
      throw new GameError("CONFLICT", keyTaken(known));
    }
    return { created: false, tournament: await this.get(known.tournamentId) };
  }

  #find(tournamentId: string): Promise<StoredTournament> {
    return storedTournament(this.#store, tournamentId);
  }

  async #slot(tournamentId: string, index: number): Promise<TournamentSlot> {
    const slots = await this.#store.slots(tournamentId);
    return slotOf(slots, { tournamentId, index });
  }

  async #ended(gameId: string): Promise<boolean> {
    try {
      return (await this.#games.open(gameId)).state.winner !== null;
    } catch {
      return false;
    }
  }
}

import {
  type CreateGameInput,
  type GameEvent,
  type GameRow,
  HOUSE_BOTS_FILL,
} from "../contract/mod.ts";
import type { Hub } from "../hub/mod.ts";
import { type Clock, systemClock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import { type Accepted, GameRoom, type GameRoomOptions } from "./game_room.ts";
import { hubMessages } from "./_hub_messages.ts";
import { HouseRuns } from "./_house_runs.ts";
import {
  createCommand,
  fullError,
  given,
  isFull,
  newGameId,
  refuseHouseBots,
} from "./_create_game.ts";
import { CommitQueue } from "./commit_queue.ts";
import { MemoryGameStore } from "./memory_store.ts";
import { Rooms, storedLater, storedNow } from "./_rooms.ts";
import { type Seat, SeatTokens } from "./seat_tokens.ts";
import { type JoinOptions, takeSeat } from "./_join.ts";
import type { GameStore, ListOptions } from "./store.ts";
import { GAME_DEFAULTS, type GameServiceOptions } from "./service_options.ts";
import type { GameObserver } from "./observer.ts";
import { censusOf, type GameCensus } from "./_census.ts";
import { type GameCluster, soloCluster } from "./cluster.ts";
import { ClusterRooms } from "./_cluster_rooms.ts";
import { StaleLogError } from "./stale_log_error.ts";
import type { Forward } from "./_follower.ts";

export type { GameCensus };

/**
 * All the games of the server: create, list, join with seat tokens, and
 * the rooms that run them. Every command is committed to the store before
 * it is answered; {@linkcode GameService.resume} brings back the games a
 * previous process left unfinished. Games not ended stay in memory, ended
 * ones only the most recent few.
 */
export class GameService {
  #rooms: Rooms;
  #store: GameStore;
  #commits: CommitQueue;
  #tokens: SeatTokens;
  #clock: Clock;
  #hub: Hub | undefined;
  #seed: () => number;
  #maxSayChars: number;
  #maxGamesInPlay: number;
  #house: HouseRuns;
  #observer: GameObserver | undefined;
  #cluster: GameCluster;
  #shared: ClusterRooms;

  constructor(options: GameServiceOptions = {}) {
    this.#observer = options.observer;
    this.#clock = options.clock ?? systemClock;
    this.#hub = options.hub;
    this.#store = options.store ?? new MemoryGameStore();
    this.#commits = new CommitQueue(this.#store, {
      onFailure: (gameId, error) => {
        options.onCommitFailure?.(gameId, error);
        // the store went on without this room: catch up from it
        if (error instanceof StaleLogError) void this.#shared.resync(gameId);
      },
      observer: options.observer,
      schedule: options.commitSchedule ?? queueMicrotask,
    });
    this.#tokens = new SeatTokens(this.#store, options.sha256);
    this.#rooms = new Rooms(options.endedInMemory ?? 32);
    this.#seed = options.seed ??
      (() => crypto.getRandomValues(new Uint32Array(1))[0] as number);
    this.#maxSayChars = options.maxSayChars ?? GAME_DEFAULTS.maxSayChars;
    this.#maxGamesInPlay = options.maxGamesInPlay ?? 0;
    this.#house = new HouseRuns(this, this.#clock);
    this.#cluster = options.cluster ?? soloCluster;
    this.#shared = new ClusterRooms({
      cluster: this.#cluster,
      store: this.#store,
      rooms: this.#rooms,
      clock: this.#clock,
      roomOptions: (gameId, forward) => this.#roomOptions(gameId, forward),
      start: (gameId) => this.start(gameId),
      led: (room) => this.#house.replay(room),
      followed: (gameId) => this.#house.stop(gameId),
    });
    this.#cluster.start(this.#shared.handlers());
  }

  /**
   * Brings back every unfinished game of the store: its events replayed,
   * its idempotency keys known, its deadlines re-armed from the recorded
   * times. Answers how many games it resumed. With other instances on the
   * store, only the games no live instance holds (this instance claims them).
   */
  async resume(): Promise<number> {
    let count = 0;
    const running = this.#rooms.running;
    for (const gameId of await this.#store.unfinished()) {
      if (running.has(gameId)) continue;
      if (this.#cluster.shared && !(await this.#cluster.claim(gameId))) {
        continue; // another instance runs it
      }
      const stored = await storedLater(this.#store, gameId);
      if (stored === null || running.has(gameId)) continue; // gone, or back
      const room = GameRoom.restore(gameId, stored, this.#roomOptions(gameId));
      running.set(gameId, room);
      this.#house.replay(room);
      count++;
    }
    return count;
  }

  /**
   * Creates a game. With `houseBots`, house bots take that many seats at once (BAD_REQUEST when
   * more than `players`), or with `"fill"` every seat still empty at
   * {@linkcode GameService.start}; their choices are seeded by the game's
   * seed. Answers the house bots' seats (none with `"fill"`). Refused with
   * SERVICE_UNAVAILABLE while the instance leads `maxGamesInPlay` games
   * not ended (the games being created count).
   */
  async create(
    input: CreateGameInput,
  ): Promise<{ gameId: string; houseBots: string[] }> {
    const { houseBots = 0, houseBotThinkMs } = input;
    refuseHouseBots(input);
    if (isFull(this.#rooms.running.values(), this.#maxGamesInPlay)) {
      this.#observer?.gameRefused?.();
      throw fullError(this.#maxGamesInPlay);
    }
    const seed = input.seed ?? this.#seed();
    const gameId = newGameId();
    const room = new GameRoom(gameId, this.#roomOptions(gameId));
    this.#rooms.running.set(gameId, room);
    try {
      await room.submit(createCommand(input, {
        gameId,
        seed,
        at: this.#clock.now(),
        maxSayChars: this.#maxSayChars,
      }));
    } catch (error) {
      this.#rooms.running.delete(gameId);
      room.close();
      throw error;
    }
    const bots = { seed, ...given({ thinkMs: houseBotThinkMs }) };
    if (houseBots === HOUSE_BOTS_FILL) {
      this.#house.fillLater(gameId, bots);
      return { gameId, houseBots: [] };
    }
    if (houseBots === 0) return { gameId, houseBots: [] };
    const seated = await this.#house.seat(gameId, {
      ...bots,
      count: houseBots,
    });
    return { gameId, houseBots: seated.players };
  }

  /**
   * Starts a waiting game with the players who joined (`game.start`): for a
   * game created with `houseBots: "fill"`, house bots first take every
   * empty seat (the last of them starts the game with `autoStart`).
   */
  async start(gameId: string): Promise<Accepted> {
    const room = await this.open(gameId);
    if (room.following) {
      return room.caughtUp(
        await this.#shared.toOwner({ op: "start", gameId }),
      );
    }
    await this.#house.fill(room);
    if (room.state.phase !== "lobby") {
      return { seq: room.state.seq, events: [] };
    }
    return room.submit({ type: "start", at: this.#clock.now() });
  }

  /**
   * The games' rows, oldest first: optionally of one status, the newest
   * `limit` after skipping the `offset` newest.
   */
  async list(options: ListOptions = {}): Promise<GameRow[]> {
    return await this.#store.listGames(options);
  }

  /**
   * Removes an ended game for good: its room (whose subscriptions end) and
   * everything the store keeps of it, seat tokens included. A game not
   * ended is refused (PRECONDITION_FAILED), an unknown one is NOT_FOUND.
   */
  async delete(gameId: string): Promise<void> {
    const running = this.#rooms.running.get(gameId) ??
      this.#shared.kept(gameId);
    if (running !== undefined) {
      const status = running.state.phase === "lobby" ? "waiting" : "running";
      throw new GameError(
        "PRECONDITION_FAILED",
        `Game ${gameId} is ${status}: only ended games may be deleted. Wait for its end (lobby.listGames with status "ended" lists those).`,
      );
    }
    if (!(await this.#store.deleteEnded(gameId))) {
      throw new GameError(
        "NOT_FOUND",
        `No ended game ${gameId}: lobby.listGames lists the games (it may have been deleted already).`,
      );
    }
    this.#rooms.dropEnded(gameId);
  }

  /** The service's clock, in epoch ms: the time commands carry. */
  now(): number {
    return this.#clock.now();
  }

  /**
   * A game's room: one in memory (running, or among the recently ended),
   * else an ended one read back from a store that answers at once (SQLite,
   * memory); NOT_FOUND when there is none. With a store that answers
   * promises (Redis) use {@linkcode GameService.open}: this throws an
   * Error for a game it would have to wait for.
   */
  room(gameId: string): GameRoom {
    return this.#rooms.kept(gameId) ?? this.#shared.kept(gameId) ??
      this.#shared.reopened(gameId, storedNow(this.#store, gameId));
  }

  /**
   * A game's room, from memory at once, else read back from the store
   * (whatever its kind); rejects with NOT_FOUND when there is none.
   */
  open(gameId: string): GameRoom | Promise<GameRoom> {
    const kept = this.#rooms.kept(gameId) ?? this.#shared.kept(gameId);
    if (kept !== undefined) return kept;
    return this.#shared.open(gameId);
  }

  /**
   * Takes a seat; the seat token is revealed only here. With an
   * `actionId` the join is applied once: sent again (its answer lost) it
   * answers the same seat and token, or the same refusal (the token is
   * derived from the game and the `actionId`, see `SeatTokens.derive`).
   */
  async join(
    gameId: string,
    name: string,
    options: JoinOptions = {},
  ): Promise<{ playerId: string; seatToken: string }> {
    const room = await this.open(gameId);
    return await takeSeat(room, this.#tokens, {
      ...options,
      name,
      at: this.#clock.now(),
    });
  }

  /** The seat a token stands for, or null. */
  seatOf(token: string): Promise<Seat | null> {
    return this.#tokens.lookup(token);
  }

  /** The games in memory by status and phase, and their logs' events. */
  census(): GameCensus {
    return censusOf(this.#rooms.running.values(), this.#rooms.endedRooms);
  }

  /** Stops every game's timers and subscriptions (the store stays open). */
  close(): void {
    this.#cluster.close();
    this.#shared.close();
    this.#rooms.close();
    this.#house.close();
  }

  #roomOptions(gameId: string, forward?: Forward): GameRoomOptions {
    return {
      clock: this.#clock,
      commits: this.#commits,
      observer: this.#observer,
      ...(forward === undefined ? {} : { forward }),
      onEvents: (room, events) => {
        if (room.following) {
          if (room.state.phase === "ended") this.#shared.ended(room);
          return; // the owner broadcasts and fills
        }
        this.#broadcast(gameId, events);
        if (room.state.phase !== "lobby") this.#house.started(gameId);
        if (room.state.phase === "ended") {
          this.#house.stop(gameId);
          this.#rooms.ended(room);
        }
      },
    };
  }

  /** Broadcasts the hub's public `phase_update` and `game_state` of `events`. */
  #broadcast(gameId: string, events: readonly GameEvent[]): void {
    const hub = this.#hub;
    if (hub === undefined) return;
    for (const message of hubMessages(gameId, events)) hub.route(message);
  }
}

import type {
  CreateGameInput,
  GameEvent,
  GameStatusSchema,
  GameSummary,
  HubMessage,
} from "../contract/mod.ts";
import { DEFAULT_MAX_SAY_CHARS, summaryOf } from "../engine/mod.ts";
import type { Hub } from "../hub/mod.ts";
import { type Clock, systemClock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import { GameRoom } from "./game_room.ts";
import { type Seat, SeatTokens } from "./seat_tokens.ts";

/** Options of {@linkcode GameService}. */
export interface GameServiceOptions {
  /** Time and timers. Default: the system clock. */
  clock?: Clock;
  /** The hub, to broadcast the public `phase_update` and `game_state`. */
  hub?: Hub;
  /** Makes a seed when a game has none. Default: crypto random. */
  seed?: () => number;
  /** The longest `say` of a game created without `maxSayChars`. */
  maxSayChars?: number;
}

/** Defaults of a new game. */
export const GAME_DEFAULTS = Object.freeze({
  actionTimeoutMs: 30_000,
  discussionRounds: 2,
  autoStart: true,
  maxSayChars: DEFAULT_MAX_SAY_CHARS,
});

/** Who created a game: they may start it early. */
interface GameMeta {
  room: GameRoom;
  creator: string | undefined;
}

/**
 * All the games of the server: create, list, join with seat tokens, and
 * the rooms that run them.
 */
export class GameService {
  #games = new Map<string, GameMeta>();
  #tokens = new SeatTokens();
  #clock: Clock;
  #hub: Hub | undefined;
  #seed: () => number;
  #maxSayChars: number;

  constructor(options: GameServiceOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#hub = options.hub;
    this.#seed = options.seed ??
      (() => crypto.getRandomValues(new Uint32Array(1))[0] as number);
    this.#maxSayChars = options.maxSayChars ?? GAME_DEFAULTS.maxSayChars;
  }

  /** Creates a game; `creator` (a client id) may start it early. */
  async create(
    input: CreateGameInput,
    creator?: string,
  ): Promise<{ gameId: string }> {
    const gameId = `g-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const room = new GameRoom(gameId, {
      clock: this.#clock,
      onEvents: (_room, events) => this.#broadcast(gameId, events),
    });
    await room.submit({
      type: "create",
      at: this.#clock.now(),
      gameId,
      name: input.name ?? `Game ${this.#games.size + 1}`,
      seed: input.seed ?? this.#seed(),
      players: input.players,
      ...(input.roles === undefined ? {} : { roles: input.roles }),
      actionTimeoutMs: input.actionTimeoutMs ?? GAME_DEFAULTS.actionTimeoutMs,
      discussionRounds: input.discussionRounds ??
        GAME_DEFAULTS.discussionRounds,
      autoStart: input.autoStart ?? GAME_DEFAULTS.autoStart,
      maxSayChars: input.maxSayChars ?? this.#maxSayChars,
    });
    this.#games.set(gameId, { room, creator });
    return { gameId };
  }

  /** The games, newest last, optionally of one status. */
  list(status?: (typeof GameStatusSchema)["options"][number]): GameSummary[] {
    const rows = [...this.#games.values()].map(({ room }) =>
      summaryOf(room.state)
    );
    return status === undefined
      ? rows
      : rows.filter((row) => row.status === status);
  }

  /** The service's clock, in epoch ms: the time commands carry. */
  now(): number {
    return this.#clock.now();
  }

  /** A game's room; NOT_FOUND when there is none. */
  room(gameId: string): GameRoom {
    const meta = this.#games.get(gameId);
    if (meta === undefined) {
      throw new GameError(
        "NOT_FOUND",
        `No game ${gameId}: lobby.listGames lists the games.`,
      );
    }
    return meta.room;
  }

  /** Whether `clientId` created the game. */
  isCreator(gameId: string, clientId: string | undefined): boolean {
    return clientId !== undefined &&
      this.#games.get(gameId)?.creator === clientId;
  }

  /** Takes a seat; the seat token is revealed only here. */
  async join(
    gameId: string,
    name: string,
  ): Promise<{ playerId: string; seatToken: string }> {
    const room = this.room(gameId);
    const { events } = await room.submit({
      type: "join",
      at: this.#clock.now(),
      name,
    });
    const joined = events.find((event) => event.type === "player_joined");
    if (joined?.type !== "player_joined") {
      throw new GameError(
        "PRECONDITION_FAILED",
        "The seat could not be taken.",
      );
    }
    const seatToken = await this.#tokens.issue({
      gameId,
      playerId: joined.player_id,
    });
    return { playerId: joined.player_id, seatToken };
  }

  /** The seat a token stands for, or null. */
  seatOf(token: string): Promise<Seat | null> {
    return this.#tokens.lookup(token);
  }

  /** Stops every game's timers and subscriptions. */
  close(): void {
    for (const { room } of this.#games.values()) room.close();
  }

  /** The hub's original `phase_update` and `game_state` messages, public view. */
  #broadcast(gameId: string, events: readonly GameEvent[]): void {
    const hub = this.#hub;
    if (hub === undefined) return;
    const client_id = `game:${gameId}`;
    for (const event of events) {
      let message: HubMessage | null = null;
      const timestamp = event.at / 1000;
      if (event.type === "phase_update") {
        message = {
          message_type: "phase_update",
          client_id,
          timestamp,
          old_phase: event.old_phase,
          new_phase: event.new_phase,
          description: event.description.slice(0, 1000),
          day: event.day,
          data: { gameId, deadline: event.deadline },
        };
      } else if (event.type === "game_state") {
        message = {
          message_type: "game_state",
          client_id,
          timestamp,
          phase: event.phase,
          players: event.players,
          current_turn: event.current_turn,
          alive_count: event.alive_count,
          dead_count: event.dead_count,
          data: { gameId },
        };
      }
      if (message !== null) hub.route(message);
    }
  }
}

/**
 * The game service's side of a {@linkcode GameCluster}: the follower rooms
 * (games another instance owns, their logs tailed: `_followers.ts`),
 * forwarding commands to a game's owner, serving the commands forwarded
 * here, and taking over a game whose owner's lease expired or making a
 * room a follower when this instance lost its lease.
 * @module
 */
import {
  type ClusterHandlers,
  type Forwarded,
  type GameCluster,
  OWNER_GONE,
} from "./cluster.ts";
import type { Clock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import { GameRoom } from "./game_room.ts";
import type { Forward } from "./_follower.ts";
import { Followers } from "./_followers.ts";
import type { Accepted, GameRoomOptions } from "./room_options.ts";
import { type Rooms, storedLater } from "./_rooms.ts";
import type { GameStore, StoredGame } from "./store.ts";

/** The reply code of an instance that does not run the game asked for. */
export const ELSEWHERE = "ELSEWHERE";

/** How many times a command looks for the game's owner again. */
const ATTEMPTS = 4;

/** What {@linkcode ClusterRooms} needs of the service. */
export interface ClusterDeps {
  cluster: GameCluster;
  store: GameStore;
  rooms: Rooms;
  clock: Clock;
  /** The options of a room of `gameId` (a follower's with `forward`). */
  roomOptions: (gameId: string, forward?: Forward) => GameRoomOptions;
  /** `GameService.start` on this instance (the owner). */
  start: (gameId: string) => Promise<Accepted>;
  /** This instance runs `room`'s game from now on (it took the game over). */
  led: (room: GameRoom) => void;
  /** Another instance runs `gameId` from now on (this one lost its lease). */
  followed: (gameId: string) => void;
}

/** Follower rooms, forwarding and failover (see the module's doc). */
export class ClusterRooms {
  #deps: ClusterDeps;
  #followers: Followers;

  constructor(deps: ClusterDeps) {
    this.#deps = deps;
    this.#followers = new Followers(deps.cluster, deps.clock);
  }

  #loading = new Map<string, Promise<GameRoom>>();

  /**
   * The room of a game not in memory, read back from the store (one read at
   * a time per game); NOT_FOUND when there is none.
   */
  open(gameId: string): GameRoom | Promise<GameRoom> {
    const kept = this.kept(gameId);
    if (kept !== undefined) return kept;
    let loading = this.#loading.get(gameId);
    if (loading === undefined) {
      loading = this.#load(gameId).finally(() => this.#loading.delete(gameId));
      this.#loading.set(gameId, loading);
    }
    return loading;
  }

  /** The room of an ended game read back, kept among the recent; NOT_FOUND for null. */
  reopened(gameId: string, stored: StoredGame | null): GameRoom {
    if (stored === null) {
      throw new GameError(
        "NOT_FOUND",
        `No game ${gameId}: lobby.listGames lists the games.`,
      );
    }
    const options = this.#deps.roomOptions(gameId);
    const room = GameRoom.restore(gameId, stored, options);
    this.#deps.rooms.keepEnded(room);
    return room;
  }

  /**
   * A game not in memory read back: an ended one (kept among the recent),
   * or, with other instances on the store, an unfinished one as a follower
   * of its owner or run here when it has none.
   */
  async #load(gameId: string): Promise<GameRoom> {
    const { cluster, rooms, store } = this.#deps;
    const stored = await storedLater(store, gameId);
    const kept = rooms.kept(gameId) ?? this.kept(gameId);
    if (kept !== undefined) return kept;
    if (
      !cluster.shared || stored === null ||
      stored.events.at(-1)?.type === "game_over"
    ) return this.reopened(gameId, stored);
    return await this.load(gameId, stored);
  }

  /** The follower room of `gameId`, marked used, or undefined. */
  kept(gameId: string): GameRoom | undefined {
    return this.#followers.kept(gameId);
  }

  /**
   * The room of an unfinished stored game not in memory: a follower when
   * another live instance owns it, else this instance claims and runs it.
   */
  async load(gameId: string, stored: StoredGame): Promise<GameRoom> {
    const { cluster } = this.#deps;
    const owner = await cluster.owner(gameId);
    if (owner.kind !== "other" && await cluster.claim(gameId)) {
      return await this.adopt(gameId) ?? this.#follow(gameId, stored);
    }
    return this.kept(gameId) ?? this.#deps.rooms.kept(gameId) ??
      this.#follow(gameId, stored);
  }

  /**
   * Runs `gameId` here (this instance holds its lease): its follower room
   * leads, or its stored game is restored; null when the store has none.
   */
  async adopt(gameId: string): Promise<GameRoom | null> {
    const { rooms, store } = this.#deps;
    const stored = await storedLater(store, gameId);
    const running = rooms.running.get(gameId);
    if (running !== undefined && !running.following) return running;
    if (stored === null) return null;
    const follower = this.#followers.take(gameId);
    const room = follower ??
      GameRoom.restore(gameId, stored, this.#deps.roomOptions(gameId));
    if (follower !== undefined) room.lead(stored);
    if (room.state.phase === "ended") rooms.keepEnded(room);
    else {
      rooms.running.set(gameId, room);
      this.#deps.led(room);
    }
    return room;
  }

  /**
   * Catches the room this instance runs for `gameId` up with the store (a
   * commit that reached it although its answer was lost: `StaleLogError`):
   * the stored events it had not folded and the stored idempotency keys, so
   * a retried command answers as it was applied. Nothing when the game is
   * not run here; a store error leaves the room to the next failure.
   */
  async resync(gameId: string): Promise<void> {
    const room = this.#deps.rooms.running.get(gameId);
    if (room === undefined || room.following) return;
    const stored = await storedLater(this.#deps.store, gameId).catch(() =>
      null
    );
    if (stored !== null && !room.following) room.lead(stored);
  }

  /**
   * The follower of a game that ended: no more tailing, kept as ended, its
   * idempotency keys read from the store (a retried action answers alike).
   */
  ended(room: GameRoom): void {
    if (this.#followers.take(room.gameId) === undefined) return;
    this.#deps.rooms.keepEnded(room);
    void Promise.resolve(this.#deps.store.outcomes(room.gameId)).then(
      (outcomes) => room.lead({ events: [], outcomes }),
      () => room.lead({ events: [], outcomes: [] }),
    );
  }

  /** How the room of `gameId` sends its commands to the game's owner. */
  forwarder(gameId: string): Forward {
    return (request) => this.toOwner({ op: "submit", gameId, ...request });
  }

  /**
   * Sends `request` to the game's owner and answers its answer (or throws
   * its GameError); runs it here when the game has no live owner and this
   * instance could claim it, also when the owner stopped while the command
   * waited for it (`OWNER_GONE`) if the command is safe to send again (it
   * has an `actionId`, or is `game.start`); one without is refused with
   * TIMEOUT (it may or may not have been applied).
   */
  async toOwner(request: Forwarded): Promise<Accepted> {
    const { cluster, clock } = this.#deps;
    const { gameId } = request;
    for (let attempt = 1;; attempt++) {
      const owner = await cluster.owner(gameId);
      let gone = false; // the owner stopped: claim the game without a pause
      if (owner.kind === "other") {
        const reply = await cluster.forward(owner.instanceId, request);
        if (reply.ok) return reply.accepted;
        if (reply.code === OWNER_GONE) {
          // only a command answered once per actionId is safe to send again
          if (request.op === "submit" && request.key === undefined) {
            throw new GameError("TIMEOUT", reply.message);
          }
          gone = true;
        } else if (reply.code !== ELSEWHERE) {
          throw GameError.stored(reply.code, reply.message);
        }
      } else if (await cluster.claim(gameId)) {
        const room = await this.adopt(gameId);
        if (room !== null) return await this.#run(room, request);
      }
      if (attempt >= ATTEMPTS) {
        throw new GameError(
          "TIMEOUT",
          `Game ${gameId} changed owner while the command was sent (the instance running it stopped or lost its lease): send it again with the same actionId in a moment.`,
        );
      }
      if (gone) continue;
      await new Promise((resolve) =>
        clock.setTimer(clock.now() + 100 * attempt, () => resolve(null))
      );
    }
  }

  /** The handlers the cluster calls (see {@linkcode ClusterHandlers}). */
  handlers(): ClusterHandlers {
    return {
      serve: async (request) => {
        const room = this.#deps.rooms.kept(request.gameId);
        if (room === undefined || room.following) {
          return {
            ok: false,
            code: ELSEWHERE,
            message:
              `Instance ${this.#deps.cluster.instanceId} does not run game ${request.gameId}.`,
          };
        }
        try {
          const { seq, events } = await this.#run(room, request);
          return { ok: true, accepted: { seq, events } };
        } catch (error) {
          if (!(error instanceof GameError)) throw error;
          return { ok: false, code: error.code, message: error.message };
        }
      },
      lost: (gameId) => {
        const { rooms } = this.#deps;
        const room = rooms.running.get(gameId);
        if (room === undefined || room.following) return;
        rooms.running.delete(gameId);
        this.#deps.followed(gameId);
        room.follow(this.forwarder(gameId));
        this.#followers.watch(room);
      },
      adopt: async (gameId) => {
        await this.adopt(gameId);
      },
      sweep: () => this.#followers.sweep(),
    };
  }

  /** Stops every tail and closes the follower rooms. */
  close(): void {
    this.#followers.close();
  }

  /** A command run on this instance, the owner: at this instance's time. */
  #run(room: GameRoom, request: Forwarded): Promise<Accepted> {
    if (request.op === "start") return this.#deps.start(request.gameId);
    const command = { ...request.command, at: this.#deps.clock.now() };
    return room.submit(command, request.key, {
      ...(request.seatTokenHash === undefined
        ? {}
        : { seatTokenHash: request.seatTokenHash }),
    });
  }

  /** A new follower room of a stored game, tailing its log. */
  #follow(gameId: string, stored: StoredGame): GameRoom {
    const options = this.#deps.roomOptions(gameId, this.forwarder(gameId));
    const room = GameRoom.restore(gameId, stored, options);
    if (room.state.phase === "ended") {
      room.lead(stored);
      this.#deps.rooms.keepEnded(room);
      return room;
    }
    this.#followers.watch(room);
    return room;
  }
}

/**
 * The port through which the game service shares its games with the other
 * instances on one store: who owns a game, tailing a game another
 * instance owns (a follower room), forwarding a command to the owner and
 * taking over the games of a dead owner. {@linkcode soloCluster} (the
 * default) is one instance alone: it owns every game and forwards nothing.
 * The Redis implementation is `RedisCluster` (src/redis/).
 * @module
 */
import type {
  ClusterGames,
  GameEvent,
  HubMessage,
  InstanceStat,
  MessageOf,
  TournamentEvent,
} from "../contract/mod.ts";
import type { Route } from "../hub/mod.ts";
import type { Command } from "../engine/mod.ts";
import type { ActionKey } from "./action_keys.ts";
import type { Accepted } from "./room_options.ts";

/** A command sent to a game's owner: a room's command, or `game.start`. */
export type Forwarded =
  | {
    op: "submit";
    gameId: string;
    command: Command;
    key?: ActionKey | undefined;
    seatTokenHash?: string | undefined;
  }
  | { op: "start"; gameId: string };

/**
 * The reply code of a forwarded command whose owner stopped before it
 * answered (its lease expired or went to another instance while the
 * command waited): the command may or may not have been applied, so only
 * a command that is safe to send again (one with an `actionId`, or
 * `game.start`) is sent again, to the game's next owner.
 */
export const OWNER_GONE = "OWNER_GONE";

/**
 * The owner's answer: accepted, or refused (the GameError's code and
 * message; `ELSEWHERE`: the instance asked does not run the game, ask
 * again; {@linkcode OWNER_GONE}: the owner stopped before answering).
 */
export type ForwardReply =
  | { ok: true; accepted: Accepted }
  | { ok: false; code: string; message: string };

/** Who runs a game: this instance, another (by id), or none (no live lease). */
export type Owner = { kind: "self" } | { kind: "other"; instanceId: string } | {
  kind: "none";
};

/** What the cluster asks of the game service (installed by `GameService`). */
export interface ClusterHandlers {
  /** Runs a command forwarded to this instance and answers the owner's reply. */
  serve(request: Forwarded): Promise<ForwardReply>;
  /** This instance lost the lease of `gameId` (another owns it): follow it. */
  lost(gameId: string): void;
  /**
   * This instance just claimed `gameId`, whose owner's lease expired: run it
   * (replay, re-arm the deadline).
   */
  adopt(gameId: string): Promise<void>;
  /** Called every sweep (a third of the lease): drop idle followers. */
  sweep(): void;
}

/** The hub messages shared between the instances. */
export interface HubBus {
  /** Shares a message this instance routed with the other instances. */
  publish(message: HubMessage, route: Route): void;
  /** `onMessage` gets every message another instance routed, in order. */
  listen(onMessage: (message: HubMessage, route: Route) => void): void;
  /**
   * Reports this instance's clients in its heartbeat (every third of the
   * lease, expiring after a whole lease): `count` is asked each time.
   */
  heartbeat(count: () => Omit<InstanceStat, "instance_id">): void;
  /** The live instances (their heartbeat not expired), by id. */
  instances(): Promise<InstanceStat[]>;
  /**
   * The live instances (as {@linkcode instances}) and the shared store's
   * games by status, for `/health` and the metrics.
   */
  census?(): Promise<{ instances: InstanceStat[]; games: ClusterGames }>;
  /** Shares a tournament's progress event (stored) with the other instances. */
  shareTournament?(tournamentId: string, event: TournamentEvent): void;
  /** `onEvent` gets each progress event another instance shared, in order. */
  listenTournaments?(
    onEvent: (tournamentId: string, event: TournamentEvent) => void,
  ): void;
  /** Shares a presence change of one of this instance's clients. */
  sharePresence?(change: PresenceChange): void;
  /**
   * `onChange` gets each presence change of another instance's clients, in
   * order, with whether that client was connected just before; once an
   * instance's heartbeat expired, a `disconnection` for each of its clients.
   */
  listenPresence?(
    onChange: (change: PresenceChange, before: boolean) => void,
  ): void;
}

/** A client connected or left (the hub's presence messages). */
export type PresenceChange =
  | MessageOf<"connection">
  | MessageOf<"disconnection">;

/** The instances sharing one store (see the module's doc). */
export interface GameCluster {
  /** This instance's id (`INSTANCE_ID`). */
  readonly instanceId: string;
  /** Whether games may be owned by other instances (false: one instance). */
  readonly shared: boolean;
  /** The hub across the instances; undefined: this instance's hub alone. */
  readonly hub?: HubBus | undefined;
  /** Who runs `gameId` now. */
  owner(gameId: string): Promise<Owner>;
  /** Claims `gameId` for this instance if no live instance holds it; true when held. */
  claim(gameId: string): Promise<boolean>;
  /**
   * Tails `gameId`'s log after the event of seq `afterSeq`: `onEvents` gets
   * each new batch in order. Answers the function that stops tailing.
   */
  follow(
    gameId: string,
    afterSeq: number,
    onEvents: (events: GameEvent[]) => void,
  ): () => void;
  /**
   * Sends `request` to the instance `owner` and answers its reply, or
   * {@linkcode OWNER_GONE} as soon as the owner's lease of the game has
   * expired (or is another's) while it waited; rejects with a GameError
   * (TIMEOUT) naming the instance when it does not answer in time.
   */
  forward(owner: string, request: Forwarded): Promise<ForwardReply>;
  /** Starts serving forwarded commands and the failover sweep. */
  start(handlers: ClusterHandlers): void;
  /** Stops tailing, serving and sweeping. */
  close(): void;
}

/** One instance alone: it owns every game; nothing to tail or forward. */
export const soloCluster: GameCluster = Object.freeze({
  instanceId: "solo",
  shared: false,
  owner: () => Promise.resolve({ kind: "self" } as const),
  claim: () => Promise.resolve(true),
  follow: () => () => {},
  forward: () =>
    Promise.reject(new Error("A single instance forwards no command.")),
  start: () => {},
  close: () => {},
});

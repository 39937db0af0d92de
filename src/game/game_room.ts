import type { GameEvent, PlayerId } from "../contract/mod.ts";
import { type Command, evolve, nextDeadline } from "../engine/mod.ts";
import { deepFreeze } from "../kit/mod.ts";
import { GameError } from "./game_error.ts";
import type { CommandTrace } from "./observer.ts";
import type { Accepted, GameRoomOptions } from "./room_options.ts";
import { observed } from "./_observe.ts";
import type { StoredGame } from "./store.ts";
import type { ActionKey } from "./action_keys.ts";
import type { Delivery, DeliveryStream, Live } from "./_stream.ts";
import type { Move } from "./_room_reads.ts";
import { type Forward, type ForwardedCommand, Reach } from "./_follower.ts";
import { type Outcome, outcomeOf, unsaved, unwrap } from "./_outcome.ts";
import { RoomLog } from "./_room_log.ts";
import { RoomCommits } from "./_room_commit.ts";

export type { Accepted, Delivery, DeliveryStream, Forward, GameRoomOptions };

/** How long a room waits to try a deadline again when the store failed, in ms. */
export const SAVE_RETRY_MS = 1000;

/**
 * One game: its state, its event log, a serial queue of commands, the
 * idempotency keys of applied actions, the deadline timer (which feeds the
 * engine `timeout` commands) and the live subscriptions.
 */
export class GameRoom extends RoomLog {
  /** The game's id. */
  readonly gameId: string;
  #queue: Promise<unknown> = Promise.resolve();
  #opts: GameRoomOptions;
  /** Decides, commits; the idempotency keys. */
  #commits: RoomCommits;
  #timer: { at: number; cancel: () => void } | null = null;
  /** Set while another instance owns the game: where commands go. */
  #forward: Forward | null;
  #reach = new Reach();

  constructor(gameId: string, opts: GameRoomOptions) {
    super(opts.maxQueuedEvents ?? 50_000);
    this.gameId = gameId;
    this.#opts = opts;
    this.#commits = new RoomCommits(gameId, opts.commits);
    this.#forward = opts.forward ?? null;
  }

  /**
   * A room for a stored game: its events replayed, its idempotency keys
   * known, and its next deadline armed from the recorded times (a deadline
   * already past fires at once).
   */
  static restore(
    gameId: string,
    stored: StoredGame,
    opts: GameRoomOptions,
  ): GameRoom {
    const room = new GameRoom(gameId, opts);
    room.replay(stored.events);
    room.#commits.restore(stored.outcomes, room.state);
    room.#arm();
    return room;
  }

  /**
   * Runs a command after those before it. With a `key` (seat and
   * actionId), a command already applied is not applied again: the first
   * outcome is answered, success or refusal alike, while the seat's key is
   * remembered (see {@linkcode ActionKeys}: accepted outcomes up to
   * `MAX_ACCEPTED_KEYS_PER_SEAT`, refusals the newest
   * `MAX_REFUSED_KEYS_PER_SEAT`, per seat).
   */
  submit(
    command: Command,
    key?: ActionKey,
    options: { seatTokenHash?: string } = {},
  ): Promise<Accepted> {
    if (this.#forward !== null) {
      return this.#forwarded({ command, key, ...options });
    }
    const keys = this.#commits.keys;
    if (key !== undefined) {
      const known = keys.find(key);
      if (known instanceof Promise) return known.then(unwrap);
      if (known !== undefined) {
        return Promise.resolve(outcomeOf(known, this.log)).then(unwrap);
      }
    }
    const { observer } = this.#opts;
    const run = (trace?: CommandTrace) =>
      this.#apply(command, { key, hash: options.seatTokenHash, trace });
    const outcome = this.#queue.then(() =>
      observer === undefined
        ? run()
        : observed(observer, { gameId: this.gameId, type: command.type }, run)
    );
    this.#queue = outcome;
    if (key !== undefined) keys.start(key, outcome);
    return outcome.then(unwrap);
  }

  /**
   * Plays `playerId`'s move at the room's clock's time, once per
   * `actionId` (see {@linkcode submit}); answers the seq of its last
   * event in the seat's own sequence (as its `game.events` numbers it).
   */
  async play(
    playerId: PlayerId,
    move: Move,
    actionId?: string,
  ): Promise<{ seq: number }> {
    const key = actionId === undefined
      ? undefined
      : { seat: playerId, actionId };
    const command = {
      ...move,
      player_id: playerId,
      at: this.#opts.clock.now(),
    } as Command;
    const { seq } = await this.submit(command, key);
    return {
      seq: this.viewerSeq({ kind: "player", player_id: playerId }, seq),
    };
  }

  /** Whether another instance owns the game (this room follows its log). */
  get following(): boolean {
    return this.#forward !== null;
  }

  /**
   * Folds events another instance committed (a follower's tail of the
   * game's log): each event right after the last one folded is applied as
   * the owner applied it and given to the subscribers through the same
   * redaction; events already folded are skipped, and so is a batch that
   * would leave a gap (the tail brings them in order). Answers how many
   * were new.
   */
  fold(events: readonly GameEvent[]): number {
    const live: Live[] = [];
    let state = this.state;
    for (const event of events) {
      if (event.seq !== state.seq + 1) continue;
      const frozen = deepFreeze(event);
      state = evolve(state, frozen);
      live.push({ event: frozen, state });
    }
    if (live.length === 0) return 0;
    this.record(live);
    this.#reach.reached(this.state.seq);
    this.#opts.onEvents?.(this, live.map((item) => item.event));
    return live.length;
  }

  /**
   * Makes this room a follower: commands go through `forward` to the
   * game's owner, the deadline timer stops (the owner keeps it).
   */
  follow(forward: Forward): void {
    this.#forward = forward;
    this.#arm();
  }

  /**
   * Makes a follower the game's owner (this instance claimed its lease):
   * the events of `stored` it had not folded yet, the stored idempotency
   * keys, and the next deadline re-armed from the recorded times.
   */
  lead(stored: StoredGame): void {
    this.fold(stored.events.slice(this.state.seq));
    this.#commits.restore(stored.outcomes, this.state);
    this.#forward = null;
    this.#arm();
  }

  /** Stops the timer and ends every subscription (after what is queued). */
  close(): void {
    this.#reach.close();
    this.closeLog();
    this.#timer?.cancel();
    this.#timer = null;
  }

  /** Decides, commits and fans out one command; `hash`: the seat token's. */
  async #apply(
    command: Command,
    opts: {
      key: ActionKey | undefined;
      hash: string | undefined;
      trace: CommandTrace | undefined;
    },
  ): Promise<Outcome> {
    if (this.#forward !== null) return this.#forwardedOutcome(command, opts);
    const done = await this.#commits.run(this.state, command, opts);
    if (done.kind === "refused") return { ok: false, error: done.error };
    if (done.kind === "unsaved") {
      if (this.#forward !== null) { // the lease was lost meanwhile
        return this.#forwardedOutcome(command, opts);
      }
      return { ok: false, error: unsaved(done.reason) };
    }
    const { seq, events } = done;
    opts.trace?.step("fan_out");
    this.record(done.live);
    this.#arm();
    if (events.length > 0) this.#opts.onEvents?.(this, events);
    return { ok: true, accepted: { seq, events } };
  }

  /** A follower's command: sent to the owner, answered once folded here. */
  async #forwarded(request: ForwardedCommand): Promise<Accepted> {
    const forward = this.#forward as Forward;
    return await this.caughtUp(await forward(request));
  }

  /**
   * The owner's answer `accepted`, once this follower has folded its
   * events (rejects with TIMEOUT when its log does not get there in time).
   */
  async caughtUp(accepted: Accepted): Promise<Accepted> {
    this.fold(accepted.events);
    await this.#reach.wait(accepted.seq, {
      current: this.state.seq,
      clock: this.#opts.clock,
      gameId: this.gameId,
    });
    return accepted;
  }

  /** {@linkcode GameRoom.#forwarded} for a command queued before the lease was lost. */
  async #forwardedOutcome(
    command: Command,
    opts: { key: ActionKey | undefined; hash: string | undefined },
  ): Promise<Outcome> {
    if (opts.key !== undefined) this.#commits.keys.forget(opts.key);
    try {
      const accepted = await this.#forwarded({
        command,
        key: opts.key,
        seatTokenHash: opts.hash,
      });
      return { ok: true, accepted };
    } catch (error) {
      if (error instanceof GameError) return { ok: false, error };
      throw error;
    }
  }

  /**
   * Arms the timer of the next deadline (none on a follower), not before
   * `notBefore` (epoch ms). A timeout the store could not save is tried
   * again after {@linkcode SAVE_RETRY_MS}, so a game goes on by itself
   * once the store is back.
   */
  #arm(notBefore = 0): void {
    const deadline = this.#forward === null ? nextDeadline(this.state) : null;
    const at = deadline === null ? null : Math.max(deadline, notBefore);
    if (this.#timer?.at === at) return;
    this.#timer?.cancel();
    this.#timer = null;
    if (at === null || this.closed) return;
    const cancel = this.#opts.clock.setTimer(at, () => {
      this.#timer = null;
      const { clock } = this.#opts;
      this.submit({ type: "timeout", at: Math.max(at, clock.now()) })
        .catch((error) => { // else nothing was due any more: the state moved on
          const unsaved = error instanceof GameError &&
            error.code === "INTERNAL_SERVER_ERROR";
          if (unsaved && this.#timer === null) {
            this.#arm(clock.now() + SAVE_RETRY_MS);
          }
        });
    });
    this.#timer = { at, cancel };
  }
}

import type {
  GameEvent,
  GameEventOf,
  GameSummary,
  GameView,
  PlayerId,
} from "../contract/mod.ts";
import {
  type AwaitedAction,
  awaiting,
  type Command,
  decide,
  evolve,
  type GameState,
  initialState,
  nextDeadline,
  summaryOf,
  usageTotals,
  type Viewer,
  viewOf,
} from "../engine/mod.ts";
import { deepFreeze, Mailbox } from "../kit/mod.ts";
import { GameError } from "./game_error.ts";
import type { CommandTrace } from "./observer.ts";
import type { Accepted, GameRoomOptions } from "./room_options.ts";
import { observed } from "./_observe.ts";
import type { KeyedOutcome, StoredGame } from "./store.ts";
import { type ActionKey, ActionKeys, parseKey } from "./action_keys.ts";
import { Numbering } from "./_numbering.ts";
import {
  deliveries,
  type Delivery,
  type DeliveryStream,
  type Live,
  transcriptOf,
} from "./_stream.ts";
import { Audiences } from "./_audiences.ts";
import { awaitedTurnIn, type Move, type Transcript } from "./_room_reads.ts";

export type { Accepted, Delivery, DeliveryStream, GameRoomOptions };
import { commit, type Outcome, outcomeOf, unwrap } from "./_outcome.ts";

/**
 * One game: its state, its event log, a serial queue of commands, the
 * idempotency keys of applied actions, the deadline timer (which feeds the
 * engine `timeout` commands) and the live subscriptions.
 */
export class GameRoom {
  /** The game's id. */
  readonly gameId: string;
  #state: GameState = initialState();
  #log: GameEvent[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #keys = new ActionKeys();
  #opts: GameRoomOptions;
  #timer: { at: number; cancel: () => void } | null = null;
  #closed = false;
  #savedSummary = "";
  #numbering = new Numbering(() => ({ log: this.#log, state: this.#state }));
  #audiences = new Audiences(this.#numbering);

  constructor(gameId: string, opts: GameRoomOptions) {
    this.gameId = gameId;
    this.#opts = opts;
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
    let state = room.#state;
    for (const event of stored.events) {
      state = evolve(state, deepFreeze(event));
      room.#log.push(event);
    }
    room.#state = state;
    room.#savedSummary = JSON.stringify(summaryOf(state));
    for (const [text, outcome] of stored.outcomes) { // oldest first
      const key = parseKey(text);
      if (key !== null) room.#keys.keep(key, outcome); // the live bounds
    }
    room.#arm();
    return room;
  }

  /** The current state. */
  get state(): GameState {
    return this.#state;
  }

  /** Every event so far, in order. */
  get log(): readonly GameEvent[] {
    return this.#log;
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
    if (key !== undefined) {
      const known = this.#keys.find(key);
      if (known instanceof Promise) return known.then(unwrap);
      if (known !== undefined) {
        return Promise.resolve(outcomeOf(known, this.#log)).then(unwrap);
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
    if (key !== undefined) this.#keys.start(key, outcome);
    return outcome.then(unwrap);
  }

  /**
   * The events `viewer` may see: those after `lastEventId` from the log,
   * then live ones, each redacted for the viewer and numbered in its own
   * sequence (`visibleSeqs`: 1, 2, 3… with no gap, whatever it may not
   * see), with no gap and no duplicate (the live queue is registered before
   * the log is read). `lastEventId` is the viewer's own seq; one that is
   * not a positive integer replays from the start, one beyond what the
   * viewer has seen gives only live events. Visibility never changes after
   * `game_over` (the complete log is the transcript).
   */
  subscribe(
    viewer: Viewer,
    options: {
      lastEventId?: string | null | undefined;
      signal?: AbortSignal | undefined;
    } = {},
  ): DeliveryStream {
    const mailbox = new Mailbox<Delivery>(
      this.#opts.maxQueuedEvents ?? 50_000,
    );
    let leave = (): void => {};
    if (this.#closed) mailbox.close();
    else leave = this.#audiences.add(viewer, mailbox);
    const { from, seen } = this.#numbering.resume(viewer, options.lastEventId);
    const backlog = this.#log.slice(from);
    const release = mailbox.stopOn(options.signal, leave);
    const now = this.#state;
    return deliveries({ backlog, seen, now, mailbox, viewer, release });
  }

  /** `viewer`'s own seq of the event with global seq `seq` (as `subscribe` numbers it). */
  viewerSeq(viewer: Viewer, seq: number): number {
    return this.#numbering.viewerSeq(viewer, seq);
  }

  /** The global seq of `viewer`'s event `viewerSeq`, or null: it saw fewer. */
  globalSeq(viewer: Viewer, viewerSeq: number): number | null {
    return this.#numbering.globalSeq(viewer, viewerSeq);
  }

  /**
   * An ended game's complete log (every event, every secret, global seq)
   * for everyone; a running game's events that `viewer` may see, numbered
   * in its own sequence as `subscribe` replays them from the start; with
   * the status, the winner and each player's usage totals over those events.
   */
  transcript(viewer: Viewer): Transcript {
    const { status, winner } = summaryOf(this.#state);
    const events = transcriptOf(this.#log, this.#state, viewer);
    return { status, winner, events, usage: usageTotals(events) };
  }

  /** `viewer`'s view of the game now (what `game.state` answers). */
  view(viewer: Viewer): GameView {
    return viewOf(this.#state, viewer);
  }

  /** The game's lobby row now. */
  summary(): GameSummary {
    return summaryOf(this.#state);
  }

  /** What the game waits for from `playerId` now, or null. */
  awaited(playerId: PlayerId): AwaitedAction | null {
    return awaiting(this.#state, playerId);
  }

  /**
   * The `your_turn` that asks what `playerId` is awaited for now, among its
   * first `upTo` events (all when null), numbered in its own sequence; null
   * when nothing is awaited or that event is beyond `upTo`.
   */
  awaitedTurn(
    playerId: PlayerId,
    upTo: number | null,
  ): GameEventOf<"your_turn"> | null {
    const viewer = { kind: "player", player_id: playerId } as const;
    return awaitedTurnIn(this.#log, {
      awaited: this.awaited(playerId),
      playerId,
      upTo: upTo === null ? null : this.globalSeq(viewer, upTo),
      viewerSeq: (seq) => this.viewerSeq(viewer, seq),
    });
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

  /** Stops the timer and ends every subscription (after what is queued). */
  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#audiences.close();
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
    const { key, hash: seatTokenHash, trace } = opts;
    trace?.step("decide");
    const decision = decide(this.#state, command);
    if (!decision.ok) {
      const error = GameError.of(decision.violation);
      if (key !== undefined) {
        const { code, message } = error;
        const outcome = { ok: false, code, message } as const;
        trace?.step("commit");
        if (
          await this.#save([], this.#state, this.#keys.toSave(key, outcome))
        ) {
          this.#keys.keep(key, outcome);
        } else this.#keys.forget(key); // not saved: a retry decides again
      }
      return { ok: false, error };
    }
    const { events, states } = decision;
    const state = states.at(-1) ?? this.#state;
    const live: Live[] = events.map((event, i) => ({
      event: deepFreeze(event),
      state: states[i]!,
    }));
    const joined = events.find((event) => event.type === "player_joined");
    trace?.step("commit");
    const saved = await this.#save(
      events,
      state,
      key === undefined ? undefined : this.#keys.toSave(key, {
        ok: true,
        seq: state.seq,
        count: events.length,
      }),
      seatTokenHash !== undefined && joined?.type === "player_joined"
        ? { tokenHash: seatTokenHash, playerId: joined.player_id }
        : undefined,
    );
    if (!saved) {
      if (key !== undefined) this.#keys.forget(key); // a retry may succeed
      return {
        ok: false,
        error: new GameError(
          "INTERNAL_SERVER_ERROR",
          "The game could not be saved, so the command was not applied: retry it (with the same actionId) in a moment.",
        ),
      };
    }
    this.#log.push(...events);
    this.#state = state;
    if (key !== undefined) {
      this.#keys.keep(key, { ok: true, seq: state.seq, count: events.length });
    }
    trace?.step("fan_out");
    this.#audiences.fanOut(live); // extends the numbering too
    this.#arm();
    if (events.length > 0) this.#opts.onEvents?.(this, events);
    return { ok: true, accepted: { seq: state.seq, events } };
  }

  async #save(
    events: readonly GameEvent[],
    state: GameState,
    outcome: KeyedOutcome | undefined,
    seat?: { tokenHash: string; playerId: string },
  ): Promise<boolean> {
    const summary = summaryOf(state);
    const text = JSON.stringify(summary); // the row is written only when it changed
    const saved = await commit(this.#opts.commits, {
      gameId: this.gameId,
      events,
      summary: text === this.#savedSummary ? undefined : summary,
      outcome,
      seat,
    });
    if (saved) this.#savedSummary = text;
    return saved;
  }

  #arm(): void {
    const at = nextDeadline(this.#state);
    if (this.#timer?.at === at) return;
    this.#timer?.cancel();
    this.#timer = null;
    if (at === null || this.#closed) return;
    const cancel = this.#opts.clock.setTimer(at, () => {
      this.#timer = null;
      this.submit({ type: "timeout", at: Math.max(at, this.#opts.clock.now()) })
        .catch(() => {}); // nothing was due any more: the state moved on
    });
    this.#timer = { at, cancel };
  }
}

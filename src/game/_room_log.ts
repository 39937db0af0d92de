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
  evolve,
  type GameState,
  initialState,
  summaryOf,
  usageTotals,
  type Viewer,
  viewOf,
} from "../engine/mod.ts";
import { deepFreeze, Mailbox } from "../kit/mod.ts";
import { Numbering } from "./_numbering.ts";
import {
  deliveries,
  type Delivery,
  type DeliveryStream,
  type Live,
  transcriptOf,
} from "./_stream.ts";
import { Audiences } from "./_audiences.ts";
import { awaitedTurnIn, type Transcript } from "./_room_reads.ts";

/**
 * A game's state and event log as a room holds them, and every read of
 * them: the per-viewer subscriptions (through `_stream.ts`'s redaction),
 * the numbering, the transcript, the views. {@linkcode GameRoom} adds the
 * commands; what extends the log goes through {@linkcode RoomLog.record}.
 */
export class RoomLog {
  #state: GameState = initialState();
  #log: GameEvent[] = [];
  #closed = false;
  #maxQueued: number;
  #numbering = new Numbering(() => ({ log: this.#log, state: this.#state }));
  /** The live subscribers, grouped by view (each event redacted once per view). */
  #audiences = new Audiences(this.#numbering);

  /** `maxQueued`: most events a subscription may hold unread. */
  constructor(maxQueued: number) {
    this.#maxQueued = maxQueued;
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
    const mailbox = new Mailbox<Delivery>(this.#maxQueued);
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

  /** How many subscriptions are open. */
  get subscribers(): number {
    return this.#audiences.size;
  }

  /** Whether the room was closed (its subscriptions ended). */
  protected get closed(): boolean {
    return this.#closed;
  }

  /** Folds stored events (a restore: no subscriber yet). */
  protected replay(events: readonly GameEvent[]): void {
    let state = this.#state;
    for (const event of events) {
      state = evolve(state, deepFreeze(event));
      this.#log.push(event);
    }
    this.#state = state;
  }

  /**
   * Appends events applied (each with the state right after it): the log,
   * the state, the viewers' numbering, then every subscriber.
   */
  protected record(live: readonly Live[]): void {
    if (live.length === 0) return;
    for (const { event } of live) this.#log.push(event);
    this.#state = live.at(-1)!.state;
    this.#audiences.fanOut(live); // extends the numbering too
  }

  /** Ends every subscription (after what is queued). */
  protected closeLog(): void {
    this.#closed = true;
    this.#audiences.close();
  }
}

export type { Delivery, DeliveryStream };

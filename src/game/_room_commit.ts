import type { GameEvent } from "../contract/mod.ts";
import {
  type Command,
  decide,
  type GameState,
  summaryOf,
} from "../engine/mod.ts";
import { deepFreeze } from "../kit/mod.ts";
import { type ActionKey, ActionKeys, parseKey } from "./action_keys.ts";
import type { CommitQueue } from "./commit_queue.ts";
import { GameError } from "./game_error.ts";
import type { CommandTrace } from "./observer.ts";
import type { KeyedOutcome, StoredGame } from "./store.ts";
import type { Live } from "./_stream.ts";
import { commit } from "./_outcome.ts";

/** What deciding and committing one command came to. */
export type Committed =
  | { kind: "refused"; error: GameError }
  /** The store failed (`reason`, its sentence): nothing was applied. */
  | { kind: "unsaved"; reason: string }
  | {
    kind: "applied";
    /** The seq of the last event (the state's). */
    seq: number;
    events: readonly GameEvent[];
    /** Each event (frozen) with the state after it, to record. */
    live: Live[];
  };

/**
 * A room's writes: decides a command on the room's state and commits what
 * it decided before anything is applied (the events, the summary row when
 * it changed, the idempotency outcome, a joining seat's token hash); keeps
 * the idempotency keys ({@linkcode ActionKeys}) and the summary last saved.
 */
export class RoomCommits {
  readonly #gameId: string;
  readonly #commits: CommitQueue;
  #keys = new ActionKeys();
  #savedSummary = "";

  constructor(gameId: string, commits: CommitQueue) {
    this.#gameId = gameId;
    this.#commits = commits;
  }

  /** The idempotency keys of the applied and refused actions. */
  get keys(): ActionKeys {
    return this.#keys;
  }

  /**
   * Takes a stored game's idempotency keys (oldest first, within the live
   * bounds) in place of those known, and `state`'s summary as the one saved.
   */
  restore(outcomes: StoredGame["outcomes"], state: GameState): void {
    this.#keys = new ActionKeys();
    for (const [text, outcome] of outcomes) {
      const key = parseKey(text);
      if (key !== null) this.#keys.keep(key, outcome);
    }
    this.#savedSummary = JSON.stringify(summaryOf(state));
  }

  /**
   * Decides `command` on `state` and commits it. A refusal with a `key` is
   * committed too (as the key's outcome; not saved, the key is forgotten
   * so a retry decides again); a failed commit forgets the key.
   * `hash`: the seat token's, saved with a `player_joined`.
   */
  async run(
    state: GameState,
    command: Command,
    opts: {
      key: ActionKey | undefined;
      hash: string | undefined;
      trace: CommandTrace | undefined;
    },
  ): Promise<Committed> {
    const { key, hash: seatTokenHash, trace } = opts;
    trace?.step("decide");
    const decision = decide(state, command);
    if (!decision.ok) {
      const error = GameError.of(decision.violation);
      if (key !== undefined) {
        const { code, message } = error;
        const outcome = { ok: false, code, message } as const;
        trace?.step("commit");
        const saved = await this.#save([], state, {
          outcome: this.#keys.toSave(key, outcome),
        });
        if (saved === null) this.#keys.keep(key, outcome);
        else this.#keys.forget(key); // not saved: a retry decides again
      }
      return { kind: "refused", error };
    }
    const { events, states } = decision;
    const last = states.at(-1) ?? state;
    const live: Live[] = events.map((event, i) => ({
      event: deepFreeze(event),
      state: states[i]!,
    }));
    const joined = events.find((event) => event.type === "player_joined");
    const stored = { ok: true, seq: last.seq, count: events.length } as const;
    trace?.step("commit");
    const failed = await this.#save(events, last, {
      outcome: key === undefined ? undefined : this.#keys.toSave(key, stored),
      seat: seatTokenHash !== undefined && joined?.type === "player_joined"
        ? { tokenHash: seatTokenHash, playerId: joined.player_id }
        : undefined,
    });
    if (failed !== null) {
      if (key !== undefined) this.#keys.forget(key); // a retry may succeed
      return { kind: "unsaved", reason: failed };
    }
    if (key !== undefined) this.#keys.keep(key, stored);
    return { kind: "applied", seq: last.seq, events, live };
  }

  /** Commits a batch; null when saved, else the store's sentence. */
  async #save(
    events: readonly GameEvent[],
    state: GameState,
    opts: {
      outcome: KeyedOutcome | undefined;
      seat?: { tokenHash: string; playerId: string } | undefined;
    },
  ): Promise<string | null> {
    const summary = summaryOf(state);
    const text = JSON.stringify(summary); // the row is written only when it changed
    let reason = "";
    const saved = await commit(this.#commits, {
      gameId: this.#gameId,
      events,
      summary: text === this.#savedSummary ? undefined : summary,
      outcome: opts.outcome,
      seat: opts.seat,
    }, (why) => reason = why);
    if (!saved) return reason;
    this.#savedSummary = text;
    return null;
  }
}

import type { GameEvent } from "../contract/mod.ts";
import { GameError } from "./game_error.ts";
import type { Accepted } from "./game_room.ts";
import type { CommitQueue } from "./commit_queue.ts";
import type { CommitBatch, StoredOutcome } from "./store.ts";

/** How a command ended: accepted, or refused with a GameError. */
export type Outcome = { ok: true; accepted: Accepted } | {
  ok: false;
  error: GameError;
};

/** The accepted answer, or the refusal thrown. */
export function unwrap(outcome: Outcome): Accepted {
  if (!outcome.ok) throw outcome.error;
  return outcome.accepted;
}

/** The outcome a stored one stands for, its events taken from `log`. */
export function outcomeOf(
  stored: StoredOutcome,
  log: readonly GameEvent[],
): Outcome {
  if (!stored.ok) {
    return { ok: false, error: GameError.stored(stored.code, stored.message) };
  }
  const events = log.slice(stored.seq - stored.count, stored.seq);
  return { ok: true, accepted: { seq: stored.seq, events } };
}

/**
 * Commits a batch unless there is nothing to write; false (and the queue's
 * `onFailure` told, and `failed` given the store's sentence) when the store
 * failed, so the command is refused and not applied.
 */
export async function commit(
  commits: CommitQueue,
  batch: CommitBatch,
  failed: (reason: string) => void = () => {},
): Promise<boolean> {
  if (batch.events.length === 0 && batch.outcome === undefined) return true;
  try {
    await commits.commit(batch);
    return true;
  } catch (error) {
    commits.onFailure(batch.gameId, error);
    failed(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** The refusal of a command the store could not save, with the store's `reason`. */
export function unsaved(reason: string): GameError {
  return new GameError(
    "INTERNAL_SERVER_ERROR",
    `The game could not be saved (${reason}), so the command was not applied: retry it (with the same actionId) in a moment.`,
  );
}

/**
 * The commands this instance forwarded to a game's owner and waits for:
 * each answered by the owner's reply, by `OWNER_GONE` as soon as the
 * owner no longer holds the game's lease, or rejected with TIMEOUT.
 * @module
 */
import { type ForwardReply, GameError, OWNER_GONE } from "../game/mod.ts";

/**
 * How often a forwarded command waiting for its owner's answer checks the
 * owner still holds the game's lease, in ms: a sixth of the lease, at
 * least 50.
 */
export function ownerCheckMs(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 6));
}

/** The reply of a forwarded command whose owner stopped before answering. */
function ownerGone(gameId: string, owner: string): ForwardReply {
  return {
    ok: false,
    code: OWNER_GONE,
    message:
      `Game ${gameId}: its owner, instance ${owner}, stopped before answering the forwarded command (its lease expired), so it may or may not have been applied; another instance takes the game over: look at the game (game.state) before sending it again (a command sent with an actionId is sent again for you and applied once).`,
  };
}

/** What {@linkcode PendingForwards.wait} waits for. */
export interface Waited {
  gameId: string;
  /** The owner's instance id. */
  owner: string;
  /** How long to wait for the reply, in ms. */
  waitMs: number;
  /** The game's lease, in ms (see {@linkcode ownerCheckMs}). */
  leaseMs: number;
  /** Whether the owner no longer holds the game's lease. */
  gone: () => Promise<boolean>;
}

/** The forwarded commands waiting for an answer, by request id. */
export class PendingForwards {
  #pending = new Map<string, (reply: ForwardReply) => void>();

  /** The reply to request `id` (see the module's doc). */
  wait(id: string, waited: Waited): Promise<ForwardReply> {
    const { gameId, owner, waitMs } = waited;
    return new Promise<ForwardReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(
          new GameError(
            "TIMEOUT",
            `Game ${gameId}: its owner, instance ${owner}, did not answer the forwarded command within ${waitMs} ms (it may have stopped: another instance takes the game over when its lease expires). Send it again with the same actionId.`,
          ),
        );
      }, waitMs);
      const watch = setInterval(
        () =>
          void waited.gone().then((gone) => {
            if (gone) this.answer(id, ownerGone(gameId, owner));
          }),
        ownerCheckMs(waited.leaseMs),
      );
      const done = () => {
        clearTimeout(timer);
        clearInterval(watch);
        this.#pending.delete(id);
      };
      this.#pending.set(id, (reply) => {
        done();
        resolve(reply);
      });
    });
  }

  /** Answers request `id` with `reply` (nothing if it is not waited for). */
  answer(id: string, reply: ForwardReply): void {
    this.#pending.get(id)?.(reply);
  }
}

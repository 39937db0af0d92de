/**
 * What a follower room (a game another instance owns) needs beside the
 * owner's code: the forwarding of its commands and the wait until its
 * tailed log has reached the seq the owner answered.
 * @module
 */
import type { Command } from "../engine/mod.ts";
import type { ActionKey } from "./action_keys.ts";
import type { Clock } from "./clock.ts";
import { GameError } from "./game_error.ts";
import type { Accepted } from "./room_options.ts";

/** A room command, as a follower sends it to the game's owner. */
export interface ForwardedCommand {
  command: Command;
  key?: ActionKey | undefined;
  seatTokenHash?: string | undefined;
}

/**
 * Sends a follower's command to the game's owner: answers the owner's
 * Accepted, or rejects with its GameError (or TIMEOUT).
 */
export type Forward = (request: ForwardedCommand) => Promise<Accepted>;

/** How long a follower waits for its log to reach an answered seq, in ms. */
export const REACH_WAIT_MS = 5000;

/** The callers waiting until a follower's log reaches a seq. */
export class Reach {
  #waiters = new Set<{ seq: number; done: (reached: boolean) => void }>();

  /**
   * Resolves once {@linkcode Reach.reached} told a seq of at least `seq`
   * (at once when `current` is); rejects with a TIMEOUT GameError after
   * {@linkcode REACH_WAIT_MS} (the tail of the log is late: Redis away).
   */
  wait(
    seq: number,
    opts: { current: number; clock: Clock; gameId: string },
  ): Promise<void> {
    if (opts.current >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        seq,
        done: (reached: boolean) => {
          this.#waiters.delete(waiter);
          cancel();
          if (reached) resolve();
          else {
            reject(
              new GameError(
                "TIMEOUT",
                `Game ${opts.gameId}: the command was applied (event ${seq}) but this instance had not read that far in the game's log after ${REACH_WAIT_MS} ms; send it again with the same actionId to get its answer.`,
              ),
            );
          }
        },
      };
      const cancel = opts.clock.setTimer(
        opts.clock.now() + REACH_WAIT_MS,
        () => waiter.done(false),
      );
      this.#waiters.add(waiter);
    });
  }

  /** The log has reached `seq`: the waiters up to it resolve. */
  reached(seq: number): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.seq <= seq) waiter.done(true);
    }
  }

  /** Rejects every waiter (the room closed). */
  close(): void {
    for (const waiter of [...this.#waiters]) waiter.done(false);
  }
}

/**
 * The leases of the games this instance owns: claimed on a game's first
 * write (`SET NX PX` and a fencing token from INCR, in one script), renewed
 * every third of the lease while held, dropped for good once Redis says
 * another instance holds the game.
 * @module
 */
import { LeaseLostError } from "./lease_lost_error.ts";
import { gameKeys } from "./_keys.ts";
import { CLAIM, RELEASE, RENEW } from "./_scripts.ts";

/** Runs a script by its text (the client caches its SHA). */
export type RunScript = (
  script: string,
  keys: string[],
  args: string[],
) => Promise<unknown>;

/** A held lease: its fencing token and the lease's value. */
export interface Held {
  /** The fencing token (the game's counter when it was claimed). */
  token: number;
  /** The lease key's value: `<instance>/<token>`. */
  holder: string;
}

/** The leases of one instance. */
export class Leases {
  #held = new Map<string, Held>();
  #lost = new Map<string, LeaseLostError>();
  #claiming = new Map<string, Promise<Held>>();
  #run: RunScript;
  #prefix: string;
  #timer: ReturnType<typeof setInterval> | null = null;
  /** This instance's id. */
  readonly instanceId: string;
  /** How long a lease lasts unless renewed, in ms (at least 3). */
  readonly leaseMs: number;
  /** Told when a game's lease is lost (another instance owns it now). */
  onLose: ((gameId: string) => void) | null = null;

  constructor(
    run: RunScript,
    opts: { prefix: string; instanceId: string; leaseMs: number },
  ) {
    this.#run = run;
    this.#prefix = opts.prefix;
    this.instanceId = opts.instanceId;
    this.leaseMs = opts.leaseMs;
  }

  /**
   * The lease of `gameId`, claimed first if not held (one claim at a time
   * per game: a second would fence off the first); rejects with
   * LeaseLostError when another instance holds it or took it over.
   */
  hold(gameId: string): Held | Promise<Held> {
    const lost = this.#lost.get(gameId);
    if (lost !== undefined) return Promise.reject(lost);
    const held = this.#held.get(gameId);
    if (held !== undefined) return held;
    let claim = this.#claiming.get(gameId);
    if (claim === undefined) {
      claim = this.#claim(gameId).finally(() => this.#claiming.delete(gameId));
      this.#claiming.set(gameId, claim);
    }
    return claim;
  }

  async #claim(gameId: string): Promise<Held> {
    const [, , , , , lease, fence] = gameKeys(this.#prefix, gameId);
    let token: number;
    try {
      token = Number(
        await this.#run(CLAIM, [lease!, fence!], [
          this.instanceId,
          String(this.leaseMs),
        ]),
      );
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (!text.startsWith("OWNED ")) throw error;
      throw new LeaseLostError(gameId, `its lease is ${text.slice(6)}'s`);
    }
    const claimed = { token, holder: `${this.instanceId}/${token}` };
    this.#held.set(gameId, claimed);
    this.#timer ??= setInterval(() => void this.renew(), this.leaseMs / 3);
    return claimed;
  }

  /** Marks a game lost (Redis refused its write): no write of it is tried again. */
  lose(error: LeaseLostError): void {
    const held = this.#held.delete(error.gameId);
    this.#lost.set(error.gameId, error);
    if (held) this.onLose?.(error.gameId);
  }

  /** Whether this instance holds the lease of `gameId` now. */
  holds(gameId: string): boolean {
    return this.#held.has(gameId);
  }

  /**
   * Claims `gameId` (again, also after it was lost) when no other instance
   * holds its lease: true when held now, false when another does or Redis
   * could not be asked.
   */
  async claim(gameId: string): Promise<boolean> {
    if (this.#held.has(gameId)) return true;
    this.#lost.delete(gameId);
    try {
      await this.hold(gameId);
      return true;
    } catch {
      return false;
    }
  }

  /** Renews every held lease; forgets those Redis says are lost. */
  async renew(): Promise<void> {
    await Promise.all([...this.#held].map(async ([gameId, held]) => {
      const [, , , , , lease, fence] = gameKeys(this.#prefix, gameId);
      const kept = await this.#run(RENEW, [lease!, fence!], [
        held.holder,
        String(held.token),
        String(this.leaseMs),
      ]).catch(() => 1); // Redis unreachable: the next write checks the token
      if (Number(kept) === 0 && this.#held.get(gameId) === held) {
        this.lose(new LeaseLostError(gameId, "its lease was not renewed"));
      }
    }));
  }

  /** Releases a game's lease (its game ended): another instance may claim it. */
  async release(gameId: string): Promise<void> {
    const held = this.#held.get(gameId);
    if (held === undefined) return;
    this.#held.delete(gameId);
    const [, , , , , lease] = gameKeys(this.#prefix, gameId);
    await this.#run(RELEASE, [lease!], [held.holder]);
  }

  /** Stops renewing; releases every lease still held. */
  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.all([...this.#held.keys()].map((id) => this.release(id)));
  }
}

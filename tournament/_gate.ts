/**
 * The runner's limits on games in flight: in all (`concurrency.games`), per
 * model (`concurrency.perModel`, over the models of a game's llm agents)
 * and per agent (`maxConcurrent`). A game takes every slot it needs at once
 * or waits; waiters start in the order they came (the schedule's), so a
 * game never overtakes an earlier one that could not start.
 * @module
 */

/** What one game holds while it runs: slots by key, each with its limit. */
export interface Claim {
  /** `key → limit`: e.g. `all`, `model:gpt-4o`, `agent:smart-v2`. */
  limits: ReadonlyMap<string, number>;
}

/** Counts of slots in use, and the games waiting for theirs. */
export class Gate {
  #used = new Map<string, number>();
  #waiting: { claim: Claim; start: () => void }[] = [];

  /** Resolves once every slot of `claim` is free, and holds them. */
  acquire(claim: Claim): Promise<void> {
    if (this.#waiting.length === 0 && this.#fits(claim)) {
      this.#take(claim);
      return Promise.resolve();
    }
    return new Promise((start) => this.#waiting.push({ claim, start }));
  }

  /** Frees the slots of `claim` and starts the waiters that now fit, in order. */
  release(claim: Claim): void {
    for (const key of claim.limits.keys()) {
      this.#used.set(key, (this.#used.get(key) ?? 1) - 1);
    }
    while (this.#waiting.length > 0 && this.#fits(this.#waiting[0]!.claim)) {
      const next = this.#waiting.shift()!;
      this.#take(next.claim);
      next.start();
    }
  }

  #fits(claim: Claim): boolean {
    for (const [key, limit] of claim.limits) {
      if ((this.#used.get(key) ?? 0) >= limit) return false;
    }
    return true;
  }

  #take(claim: Claim): void {
    for (const key of claim.limits.keys()) {
      this.#used.set(key, (this.#used.get(key) ?? 0) + 1);
    }
  }
}

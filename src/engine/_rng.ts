/**
 * The seeded random number generator: mulberry32 over a uint32 state that
 * lives in the game state, so a replay draws exactly the same numbers.
 * @module
 */

/** One draw: a uint32 and the generator's next state. */
export function rngNext(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [(t ^ (t >>> 14)) >>> 0, next];
}

/**
 * The generator's state after `draws` more draws, without drawing: what
 * `evolve` applies for an event that carries the result of draws `decide`
 * made (mulberry32's state moves by a constant per draw).
 */
export function rngSkip(state: number, draws: number): number {
  return (state + Math.imul(0x6d2b79f5, Math.max(0, draws))) >>> 0;
}

/** The draws {@linkcode rngShuffle} makes for a list of `n` items. */
export function shuffleDraws(n: number): number {
  return Math.max(0, n - 1);
}

/** One draw of an index in `[0, n)` and the generator's next state. */
export function rngBelow(
  state: number,
  n: number,
): [index: number, next: number] {
  const [value, next] = rngNext(state);
  return [Math.floor((value / 4294967296) * n), next];
}

/** Picks one item (the list must not be empty) and the next state. */
export function rngPick<T>(state: number, items: readonly T[]): [T, number] {
  const [index, next] = rngBelow(state, items.length);
  return [items[index] as T, next];
}

/** A shuffled copy (Fisher–Yates) and the generator's next state. */
export function rngShuffle<T>(
  state: number,
  items: readonly T[],
): [T[], number] {
  const out = [...items];
  let rng = state;
  for (let i = out.length - 1; i > 0; i--) {
    const [j, next] = rngBelow(rng, i + 1);
    rng = next;
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return [out, rng];
}

/**
 * A seeded generator of numbers in `[0, 1)` on the same mulberry32, for
 * drivers and scripted players (the rules keep their state in the game).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const [value, next] = rngNext(state);
    state = next;
    return value / 4294967296;
  };
}

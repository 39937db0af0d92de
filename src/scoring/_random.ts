/**
 * The tournament's seeded random numbers: mulberry32 (the generator the
 * engine uses for its own draws, which `src/mod.ts` does not export), so a
 * schedule and a bootstrap are the same for the same seed on every machine.
 * @module
 */

/** A draw of a uint32 in `[0, 2^32)`; each call advances the generator. */
export type Draws = () => number;

/** A mulberry32 generator started at `seed` (taken modulo 2^32). */
export function mulberry32(seed: number): Draws {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A whole number in `[0, n)` from one draw (`n` from 1 to 2^32). */
export function below(draw: Draws, n: number): number {
  return Math.floor((draw() / 4294967296) * n);
}

/** A shuffled copy (Fisher–Yates), drawing `items.length - 1` numbers. */
export function shuffled<T>(draw: Draws, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(draw, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

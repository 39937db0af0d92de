/**
 * The order in which the schedules meet agents, as indices `0..n-1` into
 * the seeded agent order: rotation's rounds of ordered pairs and mirror's
 * rounds of unordered pairs. Each round gives every agent the same number of
 * games per side; mirror's order keeps every prefix balanced too.
 * @module
 */

/** An ordered pair: `[wolves, village]`. */
export type Lineup = readonly [number, number];

/**
 * Rotation's round `k` (`0 <= k < n`): for every agent `a`, the game where
 * `a` holds the werewolves' seats and `a + k` (mod n) the village's. Each
 * agent plays each side exactly once in the round (`k = 0`: itself).
 */
export function rotationRound(n: number, k: number): Lineup[] {
  return Array.from({ length: n }, (_, a) => [a, (a + k) % n] as const);
}

/**
 * Round `r` of the circle method for even `n`: a perfect matching, and the
 * `n - 1` rounds together hold every pair once.
 */
function circleRound(n: number, r: number): Lineup[] {
  const m = n - 1;
  const pairs: Lineup[] = [[r, m]];
  for (let i = 1; i < n / 2; i++) pairs.push([(r + i) % m, (r - i + m) % m]);
  return pairs;
}

/**
 * Walecki's Hamiltonian cycle `i` of the complete graph on odd `n`
 * (`0 <= i < (n-1)/2`), as its edges in a balanced order: every other edge
 * first (each vertex once, but the last), then the closing edge, then the
 * rest (each vertex a second time). The cycles together hold every pair once.
 */
function waleckiRound(n: number, i: number): Lineup[] {
  const half = (n - 1) / 2;
  const ring = 2 * half;
  const cycle = [n - 1, i];
  for (let j = 1; j <= half; j++) {
    cycle.push((i + j) % ring);
    if (j < half) cycle.push((i - j + ring) % ring);
  }
  const edge = (j: number): Lineup => [cycle[j]!, cycle[(j + 1) % n]!];
  const order: Lineup[] = [];
  for (let j = 0; j < n - 1; j += 2) order.push(edge(j));
  order.push(edge(n - 1));
  for (let j = 1; j < n - 1; j += 2) order.push(edge(j));
  return order;
}

/** How many mirror rounds hold every unordered pair once (n >= 2). */
export function mirrorRounds(n: number): number {
  return n % 2 === 0 ? n - 1 : (n - 1) / 2;
}

/**
 * Mirror's round `r` (`0 <= r < mirrorRounds(n)`) of unordered pairs, each
 * to be played twice with the sides swapped. Even `n`: a perfect matching
 * (every agent once); odd `n`: a Hamiltonian cycle (every agent twice). In
 * the order given, the number of pairs holding each agent differs by at most
 * one across agents after every pair.
 */
export function mirrorRound(n: number, r: number): Lineup[] {
  return n % 2 === 0 ? circleRound(n, r) : waleckiRound(n, r);
}

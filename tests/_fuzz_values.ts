/**
 * Seeded hostile values for the fuzzer: numbers at the edges, strings that
 * look like numbers, unicode junk, prototype keys, deep nesting. Every
 * choice comes from one seeded PRNG, so a seed replays a run.
 * @module
 */
import { random } from "../examples/bot_memory.ts";

/** A seeded source of choices. */
export class Rng {
  #next: () => number;

  constructor(seed: number) {
    this.#next = random(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.#next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Numbers a field should not expect. */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 32,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_VALUE,
];

/** Strings that look like numbers, words the code may treat specially, junk. */
export const EDGE_STRINGS: readonly string[] = [
  "",
  " ",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "0x1F",
  " 12 ",
  "-0",
  "null",
  "undefined",
  "true",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "g-0000",
  "g-",
  "p0",
  "p19",
  "p1 ",
  "t1-1",
  "999999999999999999999",
  "\u0000",
  "\ud800",
  "\udfff\ud800",
  "\u202e\u2066evil",
  "\ufeff",
  "\uffff",
  "🐺".repeat(20),
  "e\u0301\u0301\u0301\u0301",
  "<script>alert(1)</script>",
  "'; DROP TABLE games; --",
  "%s%n%x",
  "../../../../etc/passwd",
  "\r\n\r\nHTTP/1.1 200 OK",
];

/** Keys that reach `Object.prototype` when code assigns them naively. */
export const PROTO_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
];

/** An object with own properties named `key` (even `__proto__`). */
export function objectWith(
  entries: [string, unknown][],
): Record<string, unknown> {
  return Object.fromEntries(entries); // defines own properties, never the prototype
}

/** A long string of `size` code units, of one of a few shapes. */
export function hugeString(rng: Rng, size: number): string {
  switch (rng.int(4)) {
    case 0:
      return "x".repeat(size);
    case 1:
      return "🐺".repeat(Math.ceil(size / 2)).slice(0, size);
    case 2:
      return "\\".repeat(size);
    default:
      return Array.from(
        { length: size },
        () => String.fromCharCode(rng.int(0x10000)),
      ).join("");
  }
}

/** Text of `[[[…]]]` (or `{"a":{"a":…}}`) nested `depth` levels. */
export function deepText(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A hostile JSON value: an edge number or string, or a small structure of them. */
export function hostileValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 2 ? 6 : 10);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
    case 3:
      return rng.pick(EDGE_NUMBERS);
    case 4:
    case 5:
      return rng.pick(EDGE_STRINGS);
    case 6:
      return hugeString(rng, rng.pick([100, 1000, 5000]));
    case 7:
      return Array.from(
        { length: rng.int(4) },
        () => hostileValue(rng, depth + 1),
      );
    case 8:
      return objectWith(
        Array.from({ length: 1 + rng.int(3) }, () => [
          rng.chance(0.5) ? rng.pick(PROTO_KEYS) : rng.pick(EDGE_STRINGS),
          hostileValue(rng, depth + 1),
        ]),
      );
    default:
      return objectWith([[rng.pick(PROTO_KEYS), { polluted: true }]]);
  }
}

/** An id of any JSON type, tRPC's or not. */
export function hostileId(rng: Rng): unknown {
  return rng.pick<unknown>([
    null,
    true,
    {},
    [],
    [1],
    "",
    "x".repeat(1000),
    "\ud800",
    "__proto__",
    -1,
    1.5,
    0,
    1e308,
    2 ** 53 + 2,
    { id: 1 },
  ]);
}

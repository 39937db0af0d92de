/** How deep a message's free-form `data` may nest. */
export const MAX_DATA_DEPTH = 32;

/** Keys that reach an object's prototype, which superjson refuses to write. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Why `value` is not plain JSON data a message can carry, or null: only
 * strings, finite numbers, booleans, null, arrays and plain objects, at
 * most `maxDepth` levels deep, and no key that names a prototype. The
 * walk uses its own stack, so a deep value cannot overflow the call stack.
 */
export function plainDataIssue(
  value: unknown,
  maxDepth: number = MAX_DATA_DEPTH,
): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item === "string" || typeof item === "boolean") continue;
    if (typeof item === "number") {
      if (Number.isFinite(item)) continue;
      return `data holds ${item}: numbers must be finite`;
    }
    if (item === null) continue;
    if (typeof item !== "object") {
      return `data holds a ${typeof item}: use strings, numbers, booleans, null, arrays and objects`;
    }
    if (depth >= maxDepth) {
      return `data nests deeper than ${maxDepth} levels`;
    }
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(item);
    if (proto !== Object.prototype && proto !== null) {
      return "data holds an object that is not plain JSON (a Date, Map, Set or class instance)";
    }
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) {
        return `data has a key "${key}": keys __proto__, constructor and prototype are not allowed`;
      }
      stack.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

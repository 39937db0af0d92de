/** Nesting deeper than this is left to the transformer. */
const MAX_DEPTH = 100;

/**
 * Whether superjson would have nothing to annotate in `value`: only
 * strings, booleans, null, finite numbers other than -0, arrays without
 * holes and plain objects (prototype `Object.prototype` or null) whose
 * values are all like that, with no object met twice and none of the keys
 * superjson refuses (`__proto__`, `constructor`, `prototype`). For such a
 * value `JSON.stringify(value)` is superjson's `json` part and there is no
 * `meta`.
 */
export function isPlainJson(value: unknown): boolean {
  return walk(value, 0, new Set());
}

function walk(value: unknown, depth: number, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (depth >= MAX_DEPTH || seen.has(value)) return false;
      seen.add(value);
      const proto = Object.getPrototypeOf(value);
      if (proto === Array.prototype) {
        const array = value as unknown[];
        for (let i = 0; i < array.length; i++) {
          if (!(i in array) || !walk(array[i], depth + 1, seen)) return false;
        }
        return true;
      }
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (
          key === "__proto__" || key === "constructor" || key === "prototype"
        ) {
          return false;
        }
        if (!walk(record[key], depth + 1, seen)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Freezes a JSON-like value and everything in it, and returns it. Messages
 * and game events are immutable once routed: freezing them makes that a
 * guarantee, and lets the transport serialize one event once for every
 * subscriber that receives it instead of once per subscriber.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) {
    return value;
  }
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/// <reference lib="dom" />
/**
 * Small hooks of the page: the route in the URL's hash, a ticking clock,
 * and an error's sentence.
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/** Where the page is: the lobby, or one game. */
export interface Route {
  /** The game shown, or null for the lobby. */
  gameId: string | null;
}

/** The route of a hash: `#/games/{gameId}` or anything else (the lobby). */
export function routeOf(hash: string): Route {
  const match = /^#\/games\/(g-[a-z0-9]{4,32})$/.exec(hash);
  return { gameId: match?.[1] ?? null };
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/** `Date.now()`, refreshed every `everyMs` while `active`. */
export function useNow(everyMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, active]);
  return now;
}

/** The sentence of an error (a TRPCClientError's message is the server's). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `m:ss` for a number of milliseconds (0 or less: `0:00`). */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)}:${rest < 10 ? "0" : ""}${rest}`;
}

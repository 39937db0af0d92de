/// <reference lib="dom" />
/**
 * Small hooks of the page: the route in the URL's hash, a ticking clock,
 * and an error's sentence.
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/** Where the page is: the lobby, or one game (and a step of its replay). */
export interface Route {
  /** The game shown, or null for the lobby. */
  gameId: string | null;
  /** The replay's step to open (`?step=N`, 0 or more), or null. */
  step: number | null;
}

/**
 * The route of a hash: `#/games/{gameId}`, `#/games/{gameId}?step={n}`
 * (its replay at step n, once the game is over), or anything else (the
 * lobby).
 */
export function routeOf(hash: string): Route {
  const match = /^#\/games\/(g-[a-z0-9]{4,32})(?:\?step=(\d{1,9}))?$/.exec(
    hash,
  );
  if (match === null) return { gameId: null, step: null };
  return {
    gameId: match[1] ?? null,
    step: match[2] === undefined ? null : Number(match[2]),
  };
}

/** The hash of a game's page, or of its replay at `step`. */
export function gameHash(gameId: string, step: number | null = null): string {
  return `#/games/${gameId}${step === null ? "" : `?step=${step}`}`;
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

/** A duration for people: `42 s`, `3 min 05 s`, `2 h 07 min`. */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

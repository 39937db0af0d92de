/// <reference lib="dom" />
/**
 * Small hooks of the page: the route in the URL's hash, a ticking clock,
 * and an error's sentence.
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { type Route, routeOf } from "./routes.ts";

export { gameHash, type Route, routeOf } from "./routes.ts";

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

/**
 * The tournament service's helpers: a tournament's row, its schedule from
 * what was registered, and the comparison of two registrations.
 * @module
 */
import type {
  TournamentCreateInput,
  TournamentRow,
  TournamentSlot,
} from "../contract/mod.ts";
import { buildSchedule, type ScheduledGame } from "../scoring/mod.ts";
import type { StoredTournament } from "./tournament_store.ts";

/** Whether two JSON values are the same (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === "object"
      ? Object.fromEntries(
        Object.keys(value).sort().map((k) => [
          k,
          canonical((value as Record<string, unknown>)[k]),
        ]),
      )
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A tournament's row from its slots. */
export function rowOf(
  t: StoredTournament,
  slots: TournamentSlot[],
): TournamentRow {
  return {
    tournamentId: t.tournamentId,
    key: t.spec.key,
    name: t.spec.name,
    createdAt: t.createdAt,
    total: slots.length,
    done: slots.filter((s) => s.status === "ended").length,
  };
}

/** The schedule of `spec`; throws a RangeError saying what is allowed. */
export function scheduleOf(spec: TournamentCreateInput): ScheduledGame[] {
  return buildSchedule({
    agents: spec.agents,
    games: spec.schedule.games,
    roles: spec.settings.roles,
    kind: spec.schedule.kind,
    seed: spec.schedule.seed,
    ...(spec.schedule.selfPlay === undefined
      ? {}
      : { selfPlay: spec.schedule.selfPlay }),
  });
}

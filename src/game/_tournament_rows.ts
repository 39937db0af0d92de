/**
 * The tournament service's helpers: a tournament's row, its schedule from
 * what was registered, the comparison of two registrations, and a
 * progress event.
 * @module
 */
import type {
  TournamentCreateInput,
  TournamentEvent,
  TournamentRow,
  TournamentSlot,
} from "../contract/mod.ts";
import { buildSchedule, type ScheduledGame } from "../scoring/mod.ts";
import { validateRoles } from "../engine/mod.ts";
import { GameError } from "./game_error.ts";
import type { StoredTournament, TournamentStore } from "./tournament_store.ts";

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

/** Why a key cannot be registered again with another spec. */
export function keyTaken(known: StoredTournament): string {
  return `A tournament with key ${known.spec.key} exists (${known.tournamentId}) with another schedule or settings: give another key, or the same config to resume it.`;
}

/**
 * The progress event telling of `options.slot`'s new state; `slots` are
 * the tournament's slots with that one already in place.
 */
export function progressEvent(
  slots: readonly TournamentSlot[],
  options: {
    seq: number;
    /** Epoch ms. */
    at: number;
    type: TournamentEvent["type"];
    slot: TournamentSlot;
  },
): TournamentEvent {
  const { seq, at, type, slot } = options;
  return {
    seq,
    at,
    type,
    index: slot.index,
    gameId: slot.gameId!,
    attempt: slot.attempts,
    done: slots.filter((s) => s.status === "ended").length,
    total: slots.length,
  };
}

/**
 * The schedule of a spec to register; BAD_REQUEST saying why when its
 * roles or schedule cannot be played.
 */
export function validSchedule(spec: TournamentCreateInput): ScheduledGame[] {
  const roles = validateRoles(spec.settings.players, spec.settings.roles);
  if (roles !== null) throw new GameError("BAD_REQUEST", roles.message);
  try {
    return scheduleOf(spec);
  } catch (error) {
    throw new GameError(
      "BAD_REQUEST",
      `The schedule cannot be built: ${(error as Error).message}.`,
    );
  }
}

/** The stored tournament; NOT_FOUND when there is none. */
export async function storedTournament(
  store: TournamentStore,
  tournamentId: string,
): Promise<StoredTournament> {
  const t = await store.tournament(tournamentId);
  if (t === null) {
    throw new GameError(
      "NOT_FOUND",
      `No tournament ${tournamentId}: tournament.list lists them.`,
    );
  }
  return t;
}

/** Slot `index` of `slots`; BAD_REQUEST naming the indexes there are. */
export function slotOf(
  slots: readonly TournamentSlot[],
  where: { tournamentId: string; index: number },
): TournamentSlot {
  const slot = slots[where.index];
  if (slot === undefined) {
    throw new GameError(
      "BAD_REQUEST",
      `Tournament ${where.tournamentId} has no game ${where.index}: its games are 0 to ${
        slots.length - 1
      }.`,
    );
  }
  return slot;
}

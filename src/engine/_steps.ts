/**
 * The game's steps after the lobby: what comes next once every awaited action
 * is in (or timed out), deaths and the win check, the hunter, the end.
 * @module
 */
import type { GamePhase, PlayerId, Role } from "../contract/mod.ts";
import { closeVote, enterDay } from "./_day.ts";
import { nextTalk } from "./_talk.ts";
import { deadlineOf, type Draft, emit } from "./_emit.ts";
import { narrate } from "./_narrator.ts";
import { closeNight, enterDawn, enterNight } from "./_night.ts";
import { livingIds, seatOf, winnerOf } from "./_query.ts";
import type { Winner } from "./types.ts";

/** Emits a `phase_update` from the current phase; returns its deadline. */
export function enterPhase(
  d: Draft,
  phase: GamePhase,
  day: number,
  timed: boolean,
): number | null {
  const deadline = timed ? deadlineOf(d) : null;
  emit(d, {
    type: "phase_update",
    old_phase: d.state.phase,
    new_phase: phase,
    day,
    description: narrate(phase, day, {
      locale: d.state.settings.locale,
      turnPolicy: d.state.settings.turnPolicy,
    }),
    deadline,
  });
  return deadline;
}

/**
 * Moves on when nothing is awaited any more; with `force` (a timeout), moves
 * on even if some awaited actions never came.
 */
export function advance(d: Draft, force = false): void {
  if (d.state.pending.length > 0 && !force) return;
  switch (d.state.phase) {
    case "night":
      return closeNight(d);
    case "witch":
      return enterDawn(d);
    case "discussion":
      return nextTalk(d);
    case "vote":
      return closeVote(d);
    case "hunter":
      return d.state.hunterReturn === "night" ? enterNight(d) : enterDay(d);
  }
}

/**
 * After deaths: ends the game if it is decided, else gives the hunter his
 * shot if he is among the dead, else goes on to the day or the next night.
 */
export function afterDeaths(
  d: Draft,
  died: readonly PlayerId[],
  then: "day" | "night",
): void {
  const winner = winnerOf(d.state);
  if (winner !== null) return endGame(d, winner);
  const hunter = died.find((id) => seatOf(d.state, id)?.role === "hunter");
  if (hunter !== undefined) {
    const deadline = enterPhase(d, "hunter", d.state.day, true) as number;
    emit(d, {
      type: "your_turn",
      player_id: hunter,
      request: "hunter_shoot",
      options: livingIds(d.state),
      deadline,
    });
    return;
  }
  return then === "day" ? enterDay(d) : enterNight(d);
}

/** The end: `phase_update` to "ended", then `game_over` with every role. */
export function endGame(d: Draft, winner: Winner): void {
  emit(d, {
    type: "phase_update",
    old_phase: d.state.phase,
    new_phase: "ended",
    day: d.state.day,
    description: narrate("ended", d.state.day, {
      locale: d.state.settings.locale,
      winner,
    }),
    deadline: null,
  });
  const roles: Record<string, Role> = {};
  for (const seat of d.state.players) roles[seat.id] = seat.role ?? "villager";
  emit(d, { type: "game_over", winner, roles });
}

import type { GameSummary, GameView, PlayerId } from "../contract/mod.ts";
import { pendingOf, seatOf } from "./_query.ts";
import type { AwaitedAction, GameState, Seat, Viewer } from "./types.ts";

/** `waiting` in the lobby, `running`, or `ended`. */
function statusOf(state: GameState): GameView["status"] {
  if (state.phase === "lobby") return "waiting";
  return state.phase === "ended" ? "ended" : "running";
}

/** What the game waits for from `player_id`, or null. */
export function awaiting(
  state: GameState,
  player_id: PlayerId,
): AwaitedAction | null {
  const pending = pendingOf(state, player_id);
  if (pending === undefined) return null;
  const { request, options, amounts, deadline } = pending;
  return {
    request,
    options: [...options],
    ...(amounts === undefined ? {} : { amounts: [...amounts] }),
    deadline,
  };
}

/** The earliest deadline among the awaited actions, or null. */
export function nextDeadline(state: GameState): number | null {
  if (state.pending.length === 0) return null;
  return Math.min(...state.pending.map((pending) => pending.deadline));
}

/** Whether `viewer` may know the role of `seat`. */
function knows(state: GameState, viewer: Viewer, seat: Seat): boolean {
  if (viewer.kind === "god" || state.winner !== null || !seat.alive) {
    return true;
  }
  if (viewer.kind !== "player") return false;
  if (viewer.player_id === seat.id) return true;
  const me = seatOf(state, viewer.player_id);
  return me?.role === "werewolf" && me.teammates.includes(seat.id);
}

/**
 * `game.state`: the game as `viewer` may see it — roles only where known
 * (its own, a werewolf's teammates, the dead, all for god or after the end),
 * its seat, what it is awaited for, the earliest deadline, the winner.
 */
export function viewOf(state: GameState, viewer: Viewer): GameView {
  const seat = viewer.kind === "player"
    ? seatOf(state, viewer.player_id)
    : undefined;
  return {
    gameId: state.gameId,
    name: state.name,
    status: statusOf(state),
    phase: state.phase,
    day: state.day,
    players: state.players.map((p) => {
      const base = { id: p.id, name: p.name, alive: p.alive };
      return p.role !== null && knows(state, viewer, p)
        ? { ...base, role: p.role }
        : base;
    }),
    you: seat === undefined ? null : {
      player_id: seat.id,
      role: seat.role,
      teammates: [...seat.teammates],
      alive: seat.alive,
    },
    waitingFor: seat === undefined ? null : awaiting(state, seat.id),
    deadline: nextDeadline(state),
    winner: state.winner,
  };
}

/** `lobby.listGames`: one row for the game. */
export function summaryOf(state: GameState): GameSummary {
  return {
    gameId: state.gameId,
    name: state.name,
    status: statusOf(state),
    players: state.phase === "lobby"
      ? state.settings.players
      : state.players.length,
    joined: state.players.length,
    day: state.day,
    phase: state.phase,
    winner: state.winner,
  };
}

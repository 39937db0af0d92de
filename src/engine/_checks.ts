/**
 * Checks shared by speech, votes and powers: the actor (a running game, a
 * known and living seat) and the target (one of the awaited options).
 * @module
 */
import { refuse } from "./_emit.ts";
import { isWolf, listOf, seatOf } from "./_query.ts";
import type { Decision, GameState, PendingAction } from "./types.ts";

/** Refuses a command that needs a running game and a living seat. */
export function checkActor(
  state: GameState,
  player_id: string,
  allowDead = false,
): Decision | null {
  if (state.phase === "lobby" || state.phase === "ended") {
    return refuse(
      "PRECONDITION_FAILED",
      state.phase === "lobby"
        ? "the game is not running yet: wait in the lobby for it to start"
        : "the game has ended: nothing more can be played",
    );
  }
  const seat = seatOf(state, player_id);
  if (seat === undefined) {
    return refuse(
      "NOT_FOUND",
      `no player ${player_id} in this game: the players are ${
        listOf(state.players.map((s) => s.id))
      }`,
    );
  }
  if (!seat.alive && !allowDead) {
    return refuse(
      "FORBIDDEN",
      `${player_id} is dead: the dead neither speak, vote nor act`,
    );
  }
  return null;
}

/**
 * Refuses `target` unless it is one of the pending action's options; `verb`
 * names the action in the message ("vote against", "protect", …).
 */
export function checkTarget(
  state: GameState,
  pending: PendingAction,
  target: string | undefined,
  verb: string,
): Decision | null {
  const allowed = `choose one of ${listOf(pending.options)}`;
  const bad = (why: string) => refuse("BAD_REQUEST", `${why}: ${allowed}`);
  if (target === undefined) return bad(`say whom to ${verb}`);
  if (pending.options.includes(target)) return null;
  const seat = seatOf(state, target);
  if (seat === undefined) return bad(`${target} is not a player of this game`);
  if (!seat.alive) return bad(`${target} is dead`);
  if (target === pending.player_id) return bad(`you cannot ${verb} yourself`);
  if (pending.request === "guard_protect" && target === state.lastProtected) {
    return bad(
      `${target} was protected last night and the guard cannot protect the same player two nights in a row`,
    );
  }
  if (pending.request === "wolf_kill" && isWolf(state, target)) {
    return bad(`${target} is a werewolf`);
  }
  return bad(`${target} cannot be chosen to ${verb}`);
}

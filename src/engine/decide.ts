import { act } from "./_act.ts";
import { bid } from "./_bid.ts";
import { forfeit } from "./_defaults.ts";
import { refuse } from "./_emit.ts";
import { create, join, start } from "./_lobby.ts";
import { say, timeout, vote } from "./_play.ts";
import type { Command, Decision, GameState } from "./types.ts";

/**
 * Decides a command against the state: the events it causes, numbered from
 * `state.seq + 1` and dated with the command's `at`, or the violation that
 * refuses it. Never throws and never mutates `state`.
 *
 * - `create` → `game_created`; `join` → `player_joined` (and the start when
 *   the last seat fills with `autoStart`); `start` starts early.
 * - `say`, `vote`, `act`, `bid` play (with optional reasoning and usage records);
 *   `forfeit` applies the default of the caller's awaited request at once
 *   (a declared failure); `timeout` applies the documented defaults to
 *   every awaited action whose deadline is <= `at` (nothing due: no events).
 */
export function decide(state: GameState, command: Command): Decision {
  if (!Number.isSafeInteger(command.at) || command.at < 0) {
    return refuse(
      "BAD_REQUEST",
      `at must be a time in epoch milliseconds, not ${command.at}`,
    );
  }
  if (command.type === "create") return create(state, command);
  if (!state.created) {
    return refuse("PRECONDITION_FAILED", "no game yet: create it first");
  }
  switch (command.type) {
    case "join":
      return join(state, command);
    case "start":
      return start(state, command);
    case "say":
      return say(state, command);
    case "vote":
      return vote(state, command);
    case "act":
      return act(state, command);
    case "bid":
      return bid(state, command);
    case "forfeit":
      return forfeit(state, command);
    case "timeout":
      return timeout(state, command);
    default:
      return refuse(
        "BAD_REQUEST",
        `unknown command: use create, join, start, say, vote, act, bid, forfeit or timeout`,
      );
  }
}

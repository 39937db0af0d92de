/**
 * `bid`: a bid for the next speaking turn under the bidding policy.
 * @module
 */
import { accept, draft, emit, refuse } from "./_emit.ts";
import { checkActor } from "./_checks.ts";
import { pendingOf } from "./_query.ts";
import { recordsOf } from "./_records.ts";
import { advance } from "./_steps.ts";
import { bidRefusal } from "./_talk_refusals.ts";
import type { Command, Decision, GameState } from "./types.ts";

/**
 * `bid`: one of the request's `amounts`, once per turn, from a living
 * player the game asked. The bid stays its author's (and the god view's)
 * until `bids_revealed`; the last bid in decides the turn.
 */
export function bid(
  state: GameState,
  c: Extract<Command, { type: "bid" }>,
): Decision {
  const refused = checkActor(state, c.player_id);
  if (refused !== null) return refused;
  const pending = pendingOf(state, c.player_id);
  if (pending?.request !== "bid") {
    return refuse("PRECONDITION_FAILED", bidRefusal(state, c.player_id));
  }
  const amounts = pending.amounts ?? [];
  if (!amounts.includes(c.amount)) {
    return refuse(
      "BAD_REQUEST",
      `${c.amount} is not a bid: bid one of ${amounts.join(", ")} (0: listen, ${
        amounts.at(-1)
      }: you were addressed directly)`,
    );
  }
  const records = recordsOf(c);
  if (!records.ok) return records.refused;
  const d = draft(state, c.at);
  emit(d, {
    type: "player_action",
    player_id: c.player_id,
    action: "bid",
    target: null,
    amount: c.amount,
    timed_out: false,
    ...records.fields,
  });
  advance(d);
  return accept(d);
}

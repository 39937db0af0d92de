/**
 * Helpers of the bidding tests, with no test of its own: a 6-seat bidding
 * game at its first discussion, and the moves of a turn.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEventOf, PlayerId } from "../src/contract/mod.ts";
import {
  byRole,
  newGame,
  night,
  ofType,
  type Run,
  send,
} from "./engine_helpers_test.ts";

/** One werewolf and five villagers: nights without powers. */
export const ROLES = { werewolf: 1, villager: 5 };
/** The living, in seat order. */
export const living = (run: Run): PlayerId[] =>
  run.state.players.filter((s) => s.alive).map((s) => s.id);
/** Who is asked to bid now, in seat order. */
export const bidders = (run: Run): PlayerId[] =>
  run.state.pending.filter((p) => p.request === "bid").map((p) => p.player_id);

/** A 6-seat bidding game at its first discussion (one villager died). */
export function biddingDay(
  options: { seed?: number; maxTurns?: number; talkCapPerDay?: number } = {},
): Run {
  const run = newGame({
    players: 6,
    seed: options.seed ?? 9,
    roles: ROLES,
    turnPolicy: "bidding",
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.talkCapPerDay ? { talkCapPerDay: options.talkCapPerDay } : {}),
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  assert.equal(run.state.phase, "discussion");
  return run;
}

/** Every asked player bids `amount(id)`; the bids revealed. */
export function bidAll(
  run: Run,
  amount: (id: PlayerId) => number,
): GameEventOf<"bids_revealed"> {
  const from = run.log.length;
  for (const id of bidders(run)) {
    send(run, { type: "bid", player_id: id, amount: amount(id) });
  }
  const [revealed] = ofType(run.log.slice(from), "bids_revealed");
  assert.ok(revealed, "the bids were revealed");
  return revealed;
}

/** The turn's speaker says `text`. */
export function speak(run: Run, text: string): PlayerId {
  const p = run.state.pending.find((p) => p.request === "speak")!;
  send(run, { type: "say", player_id: p.player_id, text });
  return p.player_id;
}

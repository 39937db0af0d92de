/**
 * The talk and vote settings of `create`: checked against the contract's
 * ranges (`DISCUSSION_ROUNDS`, `MAX_TURNS`, `TALK_CAP`) and defaulted.
 * @module
 */
import {
  DISCUSSION_ROUNDS,
  MAX_TURNS,
  type Range,
  TALK_CAP,
  TURN_POLICIES,
  type TurnPolicy,
  VOTE_POLICIES,
  type VotePolicy,
} from "../contract/mod.ts";
import type { Command, GameSettings } from "./types.ts";

type Create = Extract<Command, { type: "create" }>;

/** The policy settings of a game. */
export type PolicySettings = Pick<
  GameSettings,
  | "turnPolicy"
  | "votePolicy"
  | "discussionRounds"
  | "maxTurns"
  | "talkCapPerDay"
>;

function inRange(value: number, range: Range): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/**
 * The policy settings of `c` with their defaults (round_robin, sequential,
 * `DISCUSSION_ROUNDS.default` rounds, or under bidding `players` turns; no
 * talk cap), or the sentence refusing them.
 */
export function policySettings(c: Create): PolicySettings | string {
  const turnPolicy: TurnPolicy = c.turnPolicy ?? "round_robin";
  const votePolicy: VotePolicy = c.votePolicy ?? "sequential";
  if (!TURN_POLICIES.includes(turnPolicy)) {
    return `turnPolicy must be one of ${TURN_POLICIES.join(", ")}`;
  }
  if (!VOTE_POLICIES.includes(votePolicy)) {
    return `votePolicy must be one of ${VOTE_POLICIES.join(", ")}`;
  }
  const bidding = turnPolicy === "bidding";
  if (bidding && c.discussionRounds !== undefined) {
    return "discussionRounds counts rounds, and bidding counts turns: under turnPolicy bidding set maxTurns instead";
  }
  if (!bidding && c.maxTurns !== undefined) {
    return `maxTurns counts the turns of the bidding policy: under turnPolicy ${turnPolicy} set discussionRounds instead`;
  }
  const discussionRounds = bidding
    ? null
    : c.discussionRounds ?? DISCUSSION_ROUNDS.default;
  if (
    discussionRounds !== null && !inRange(discussionRounds, DISCUSSION_ROUNDS)
  ) {
    return `discussionRounds must be ${DISCUSSION_ROUNDS.min} to ${DISCUSSION_ROUNDS.max}`;
  }
  const maxTurns = bidding ? c.maxTurns ?? c.players : null;
  if (maxTurns !== null && !inRange(maxTurns, MAX_TURNS)) {
    return `maxTurns must be ${MAX_TURNS.min} to ${MAX_TURNS.max}`;
  }
  const talkCapPerDay = c.talkCapPerDay ?? null;
  if (talkCapPerDay !== null && !inRange(talkCapPerDay, TALK_CAP)) {
    return `talkCapPerDay must be ${TALK_CAP.min} to ${TALK_CAP.max} speeches, or null for no cap`;
  }
  return { turnPolicy, votePolicy, discussionRounds, maxTurns, talkCapPerDay };
}

/**
 * How the vote's events change a game's model (see `_fold.ts`): each
 * ballot as it comes (under the simultaneous vote policy only the god view
 * sees them, held), and the result, which under that policy reveals every
 * vote at once (`vote_result.votes`).
 * @module
 */
import type { GameEventOf, PlayerId } from "../src/mod.ts";
import { line, nameOf, reasoningOf } from "./_fold_lines.ts";
import { t } from "./i18n.ts";
import type { GameModel, VoteModel } from "./model.ts";

/** The vote of `day` before any ballot. */
function openVote(m: GameModel, day: number): VoteModel {
  return {
    day,
    ballots: [],
    tally: {},
    result: null,
    hidden: m.votePolicy === "simultaneous",
  };
}

/** A vote's `player_action`: a ballot, counted in the tally. */
export function ballotCast(
  m: GameModel,
  event: GameEventOf<"player_action">,
): void {
  if (m.vote === null) return;
  const vote = { ...m.vote };
  vote.ballots = [...vote.ballots, {
    voter: event.player_id as PlayerId,
    target: event.target as PlayerId | null,
    timedOut: event.timed_out,
    ...reasoningOf(event),
    held: vote.hidden,
  }];
  if (event.target !== null) {
    vote.tally = {
      ...vote.tally,
      [event.target]: (vote.tally[event.target] ?? 0) + 1,
    };
  }
  m.vote = vote;
}

/**
 * `vote_result`: the count and the outcome; with `votes` (simultaneous),
 * every ballot revealed in seat order, keeping what a held one knew.
 */
export function verdict(
  m: GameModel,
  event: GameEventOf<"vote_result">,
): void {
  const vote = m.vote ?? openVote(m, event.day);
  const ballots = event.votes === undefined
    ? vote.ballots
    : Object.entries(event.votes).map(([voter, target]) => {
      const held = vote.ballots.find((ballot) => ballot.voter === voter);
      return {
        voter: voter as PlayerId,
        target: target as PlayerId | null,
        timedOut: held?.timedOut ?? false,
        reasoning: held?.reasoning ?? null,
        held: false,
      };
    });
  m.vote = {
    ...vote,
    ballots,
    tally: { ...event.tally },
    result: {
      eliminated: event.eliminated as PlayerId | null,
      abstentions: event.abstentions,
    },
  };
  const text = event.eliminated === null
    ? t(m.locale, "verdict.none")
    : t(m.locale, "verdict.out", { name: nameOf(m, event.eliminated) });
  m.chat = [...m.chat, line(m, event, "verdict", text)];
}

/**
 * The bidding policy's turns, as `decide` runs them: before each speaking
 * turn every living player who did not have the last one (and is under the
 * talk cap) bids 0 to `BID_MAX`; the highest bid speaks, a tie going first
 * to a player the last speech named, then to the seeded RNG. The talk ends
 * after `maxTurns` turns or when every bid is 0.
 * @module
 */
import {
  BID_AMOUNTS,
  BID_DEFAULT,
  type GameEventOf,
  type PlayerId,
} from "../contract/mod.ts";
import { enterVote } from "./_day.ts";
import { deadlineOf, type Draft, emit } from "./_emit.ts";
import { rngPick } from "./_rng.ts";
import { talkers } from "./_talk_rules.ts";

type TieBreak = NonNullable<GameEventOf<"bids_revealed">["tie_break"]>;

/** The next step once nothing is awaited: decide the turn, or ask for bids. */
export function nextBidding(d: Draft): void {
  if (Object.keys(d.state.talk.bids).length > 0) return decideTurn(d);
  askBids(d);
}

/** Asks every eligible player for a bid, or ends the talk. */
function askBids(d: Draft): void {
  const { talk, settings } = d.state;
  if (talk.round >= (settings.maxTurns ?? 0)) return enterVote(d);
  const bidders = talkers(d.state).filter((id) => id !== talk.last);
  if (bidders.length === 0) return enterVote(d);
  const deadline = deadlineOf(d);
  for (const player_id of bidders) {
    emit(d, {
      type: "your_turn",
      player_id,
      request: "bid",
      options: [],
      amounts: [...BID_AMOUNTS],
      deadline,
    });
  }
}

/** Who gets the turn among `leaders` (all with the top bid, seat order). */
function tieBreak(
  d: Draft,
  leaders: readonly PlayerId[],
): { speaker: PlayerId; tie_break: TieBreak } {
  if (leaders.length === 1) {
    return { speaker: leaders[0]!, tie_break: "highest" };
  }
  const named = leaders.filter((id) => d.state.talk.named.includes(id));
  if (named.length === 1) return { speaker: named[0]!, tie_break: "named" };
  const [speaker] = rngPick(d.state.rng, named.length > 1 ? named : leaders);
  return { speaker, tie_break: "random" };
}

/** Reveals the bids and gives the turn, or ends the talk when all are 0. */
function decideTurn(d: Draft): void {
  const { talk } = d.state;
  const bids: Record<string, number> = {};
  for (const seat of d.state.players) {
    const amount = talk.bids[seat.id];
    if (amount !== undefined) bids[seat.id] = amount;
  }
  const top = Math.max(BID_DEFAULT, ...Object.values(bids));
  const base = {
    type: "bids_revealed",
    day: d.state.day,
    turn: talk.round + 1,
    bids,
  } as const;
  if (top <= 0) {
    emit(d, { ...base, speaker: null, tie_break: null });
    return enterVote(d);
  }
  const leaders = Object.keys(bids).filter((id) => bids[id] === top);
  const { speaker, tie_break } = tieBreak(d, leaders);
  emit(d, { ...base, speaker, tie_break });
  emit(d, {
    type: "your_turn",
    player_id: speaker,
    request: "speak",
    options: [],
    deadline: deadlineOf(d),
  });
}

/**
 * The day: the talk (see `_talk.ts`), the vote and its count.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import { type Draft, emit } from "./_emit.ts";
import { enterTalk } from "./_talk.ts";
import { enterNight } from "./_night.ts";
import { livingIds, seatOf } from "./_query.ts";
import { afterDeaths, enterPhase } from "./_steps.ts";

/** The day begins: the discussion, or the vote when it has no turns. */
export function enterDay(d: Draft): void {
  enterTalk(d);
}

/** The vote: every living player at once, against any other living one. */
export function enterVote(d: Draft): void {
  const deadline = enterPhase(d, "vote", d.state.day, true) as number;
  const alive = livingIds(d.state);
  for (const voter of alive) {
    emit(d, {
      type: "your_turn",
      player_id: voter,
      request: "vote",
      options: alive.filter((id) => id !== voter),
      deadline,
    });
  }
}

/**
 * Counts the votes: a strict plurality eliminates; a tie or no vote at all
 * eliminates nobody. Under the simultaneous vote policy the result also
 * reveals every vote (`votes`, null: abstained), held until now. Then the
 * win check, the hunter, or the next night.
 */
export function closeVote(d: Draft): void {
  const tally: Record<string, number> = {};
  let abstentions = 0;
  for (const voter of livingIds(d.state)) {
    const target = d.state.votes[voter] ?? null;
    if (target === null) abstentions++;
    else tally[target] = (tally[target] ?? 0) + 1;
  }
  const top = Math.max(0, ...Object.values(tally));
  const leaders = Object.keys(tally).filter((id) => tally[id] === top);
  const eliminated = top > 0 && leaders.length === 1 ? leaders[0]! : null;
  const ordered: Record<string, number> = {};
  for (const seat of d.state.players) {
    if (tally[seat.id] !== undefined) ordered[seat.id] = tally[seat.id]!;
  }
  const votes: Record<string, PlayerId | null> = {};
  for (const voter of livingIds(d.state)) {
    votes[voter] = d.state.votes[voter] ?? null;
  }
  emit(d, {
    type: "vote_result",
    day: d.state.day,
    tally: ordered,
    abstentions,
    eliminated,
    ...(d.state.settings.votePolicy === "simultaneous" ? { votes } : {}),
  });
  if (eliminated === null) return enterNight(d);
  emit(d, {
    type: "player_died",
    player_id: eliminated,
    cause: "vote",
    role: seatOf(d.state, eliminated)?.role ?? "villager",
  });
  afterDeaths(d, [eliminated], "night");
}

/**
 * The compact record of a day: a `-- day N --` line (the current day is
 * the last; the request says what is asked now), then one line per phase
 * that had facts,
 * `PHASE: FACT; FACT`, in the order they happened. The day's vote is one
 * line that holds every vote, grouped by target, the count said only where
 * it is not the number of voters listed (`vote: p1 (p6, you); abstained 1;
 * eliminated: p1, was seer`), the eliminated
 * player's role folded in; the seer's result follows its inspection (`you
 * seer_inspect p1: a werewolf`). The seat is `you`. The words are one
 * language's ({@linkcode DaysWords}: English `DAYS_EN`, French in
 * `_record_fr.ts`), the facts the same. Lines rendered
 * elsewhere (speech, digests) keep their place. Every vote, death with
 * cause and role, power used and private result of the day stays; only the
 * phase lines without facts go.
 * @module
 */
import type { GameEvent, GameEventOf } from "../../src/mod.ts";
import { DAYS_EN, type DaysWords } from "./_days_words.ts";

export { DAYS_EN, type DaysWords } from "./_days_words.ts";

/** One vote of the day: who, for whom (null: abstained), past the deadline. */
interface Vote {
  voter: string;
  target: string | null;
  late: boolean;
}

/** `seat` as the compact record names it: `you` for the seat itself. */
function seatName(seat: string, me: string, words = DAYS_EN): string {
  return seat === me ? words.you(seat) : seat;
}

/** The compact text of a power's use (not a vote). */
function action(
  event: GameEventOf<"player_action">,
  options: { me: string; words: DaysWords },
): string {
  const { me, words } = options;
  const who = seatName(event.player_id, me, words);
  const late = event.timed_out ? words.timedOut : "";
  if (event.action === "pass") return words.passed(who) + late;
  if (event.action === "witch_pass") return words.witchPass(who) + late;
  if (event.action === "bid") return words.bid(who, event.amount ?? 0) + late;
  return words.used(who, event.action, event.target) + late;
}

/**
 * The vote line's facts: each target with its count and voters, the
 * abstentions likewise, and who was eliminated.
 */
function voteText(
  result: GameEventOf<"vote_result">,
  votes: readonly Vote[],
  options: { me: string; words: DaysWords },
): string {
  const { me, words } = options;
  const voters = (target: string | null) =>
    votes.filter((vote) => vote.target === target).map((vote) =>
      `${seatName(vote.voter, me, words)}${vote.late ? words.late : ""}`
    );
  // the count only where the voters listed do not say it
  const group = (label: string, count: number, names: string[]) =>
    `${label}${names.length === count ? "" : ` ${count}`}${
      names.length ? ` (${names.join(", ")})` : ""
    }`;
  const groups = Object.entries(result.tally).map(([target, count]) =>
    group(target, count, voters(target))
  );
  for (const target of new Set(votes.map((vote) => vote.target))) {
    if (target !== null && !(target in result.tally)) {
      groups.push(group(target, voters(target).length, voters(target)));
    }
  }
  if (result.abstentions > 0 || voters(null).length > 0) {
    groups.push(group(words.abstained, result.abstentions, voters(null)));
  }
  return `${groups.join(words.sep) || words.noVotes}${words.sep}${
    words.eliminated(result.eliminated)
  }`;
}

/** A simultaneous vote's votes, from its result (the seat's own lateness kept). */
function revealed(
  result: GameEventOf<"vote_result">,
  seen: readonly Vote[],
): Vote[] {
  return Object.entries(result.votes ?? {}).map(([voter, target]) => ({
    voter,
    target,
    late: seen.find((vote) => vote.voter === voter)?.late ?? false,
  }));
}

/** A bidding turn's line: every bid, and who got the turn and why. */
export function bidsText(
  event: GameEventOf<"bids_revealed">,
  me: string,
  words: DaysWords = DAYS_EN,
): string {
  const bids = Object.entries(event.bids).map(([bidder, amount]) =>
    `${seatName(bidder, me, words)} ${amount}`
  ).join(", ");
  const speaker = event.speaker === null
    ? null
    : seatName(event.speaker, me, words);
  return words.bids(event, bids, speaker);
}

/**
 * The compact lines of day `day` for seat `options.me`: `parts` are the
 * day's events in order, with each line already rendered (a digest, a
 * verbatim speech) where it belongs.
 */
export function dayLines(
  day: number,
  parts: readonly (GameEvent | string)[],
  options: { me: string; words?: DaysWords },
): string[] {
  const { me, words = DAYS_EN } = options;
  const named = { me, words };
  const lines: string[] = [];
  let phase = "";
  let items: string[] = [];
  let votes: Vote[] = [];
  const flush = () => {
    for (const { voter, target, late } of votes) {
      items.push(
        words.voted(seatName(voter, me, words), target) +
          (late ? words.timedOut : ""),
      );
    }
    votes = [];
    if (items.length > 0) lines.push(words.phaseLine(phase, items));
    items = [];
  };
  for (const part of parts) {
    if (typeof part === "string") {
      flush();
      lines.push(part);
      continue;
    }
    switch (part.type) {
      case "phase_update":
        flush();
        phase = words.phase(part.new_phase);
        break;
      case "player_action":
        if (part.action === "vote") {
          const { player_id: voter, target, timed_out: late } = part;
          votes.push({ voter, target, late });
        } else items.push(action(part, named));
        break;
      case "seer_result": {
        const result = words.result(part.is_werewolf);
        const inspected = words.used(
          words.you(me),
          "seer_inspect",
          part.target,
        );
        if (items.at(-1) === inspected) {
          items[items.length - 1] += words.seen(result);
        } else items.push(words.learned(part.target, result));
        break;
      }
      case "witch_info":
        items.push(words.witch(part));
        break;
      case "vote_result":
        // simultaneous votes: the result reveals them all at once
        items.push(
          voteText(part, part.votes ? revealed(part, votes) : votes, named),
        );
        votes = [];
        break;
      case "speaking_order":
        items.push(words.order(part.round, part.order));
        break;
      case "bids_revealed":
        items.push(bidsText(part, me, words));
        break;
      case "player_died": {
        const last = items.at(-1) ?? "";
        const eliminated = words.sep + words.eliminated(part.player_id);
        if (part.cause === "vote" && last.endsWith(eliminated)) {
          items[items.length - 1] = last + words.was(part.role);
        } else {
          items.push(words.died(part.player_id, part.cause, part.role));
        }
        break;
      }
    }
  }
  flush();
  if (lines.length === 0 && day === 0) return [];
  return [words.day(day), ...lines];
}

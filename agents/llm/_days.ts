/**
 * The compact record of a day: a `-- day N --` line (`-- day N (now:
 * PHASE) --` for the current day), then one line per phase that had facts,
 * `PHASE: FACT; FACT`, in the order they happened. The day's vote is one
 * line that holds every vote, grouped by target with the tally (`vote: p1 2
 * (p6, you); abstained 1 (p3); eliminated: p1, was seer`), the eliminated
 * player's role folded in; the seer's result follows its inspection (`you
 * seer_inspect p1: a werewolf`). The seat is `you`. Lines rendered
 * elsewhere (speech, digests) keep their place. Every vote, death with
 * cause and role, power used and private result of the day stays; only the
 * phase lines without facts go.
 * @module
 */
import type { GameEvent, GameEventOf } from "../../src/mod.ts";

/** One vote of the day: who, for whom (null: abstained), past the deadline. */
interface Vote {
  voter: string;
  target: string | null;
  late: boolean;
}

/** `seat` as the compact record names it: `you` for the seat itself. */
function seatName(seat: string, me: string): string {
  return seat === me ? "you" : seat;
}

/** The compact text of a power's use (not a vote). */
function action(event: GameEventOf<"player_action">, me: string): string {
  const who = seatName(event.player_id, me);
  const late = event.timed_out ? " (timed out)" : "";
  if (event.action === "pass") return `${who} passed${late}`;
  if (event.action === "witch_pass") return `${who} witch_pass${late}`;
  if (event.action === "bid") return `${who} bid ${event.amount ?? 0}${late}`;
  return `${who} ${event.action} ${event.target ?? "nobody"}${late}`;
}

/**
 * The vote line's facts: each target with its count and voters, the
 * abstentions likewise, and who was eliminated.
 */
function voteText(
  result: GameEventOf<"vote_result">,
  votes: readonly Vote[],
  me: string,
): string {
  const voters = (target: string | null) =>
    votes.filter((vote) => vote.target === target).map((vote) =>
      `${seatName(vote.voter, me)}${vote.late ? " timed out" : ""}`
    );
  const group = (label: string, count: number, names: string[]) =>
    `${label} ${count}${names.length ? ` (${names.join(", ")})` : ""}`;
  const groups = Object.entries(result.tally).map(([target, count]) =>
    group(target, count, voters(target))
  );
  for (const target of new Set(votes.map((vote) => vote.target))) {
    if (target !== null && !(target in result.tally)) {
      groups.push(group(target, voters(target).length, voters(target)));
    }
  }
  if (result.abstentions > 0 || voters(null).length > 0) {
    groups.push(group("abstained", result.abstentions, voters(null)));
  }
  return `${groups.join("; ") || "no votes"}; eliminated: ${
    result.eliminated ?? "nobody"
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
): string {
  const bids = Object.entries(event.bids).map(([bidder, amount]) =>
    `${seatName(bidder, me)} ${amount}`
  ).join(", ");
  const outcome = event.speaker === null
    ? "every bid 0: the talk ends"
    : `${seatName(event.speaker, me)} speaks (${
      event.tie_break === "highest"
        ? "highest bid"
        : event.tie_break === "named"
        ? "tie: named in the last speech"
        : "tie: seeded draw"
    })`;
  return `bids for turn ${event.turn}: ${bids}; ${outcome}`;
}

/**
 * The compact lines of day `day` for seat `options.me`: `parts` are the
 * day's events in order, with each line already rendered (a digest, a
 * verbatim speech) where it belongs. `options.now`: the current phase, when
 * `day` is the current day (said on the day's first line).
 */
export function dayLines(
  day: number,
  parts: readonly (GameEvent | string)[],
  options: { me: string; now?: string | undefined },
): string[] {
  const { me, now } = options;
  const lines: string[] = [];
  let phase = "";
  let items: string[] = [];
  let votes: Vote[] = [];
  const flush = () => {
    for (const { voter, target, late } of votes) {
      items.push(
        `${seatName(voter, me)} voted ${target ?? "to abstain"}${
          late ? " (timed out)" : ""
        }`,
      );
    }
    votes = [];
    if (items.length > 0) lines.push(`${phase}: ${items.join("; ")}`);
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
        phase = part.new_phase;
        break;
      case "player_action":
        if (part.action === "vote") {
          const { player_id: voter, target, timed_out: late } = part;
          votes.push({ voter, target, late });
        } else items.push(action(part, me));
        break;
      case "seer_result": {
        const result = part.is_werewolf ? "a werewolf" : "not a werewolf";
        const inspected = `you seer_inspect ${part.target}`;
        if (items.at(-1) === inspected) {
          items[items.length - 1] += `: ${result}`;
        } else items.push(`you learned ${part.target} is ${result}`);
        break;
      }
      case "witch_info":
        items.push(
          `werewolves' victim ${part.victim ?? "nobody"}, heal ${
            part.heal_available ? "available" : "used"
          }, poison ${part.poison_available ? "available" : "used"}`,
        );
        break;
      case "vote_result":
        // simultaneous votes: the result reveals them all at once
        items.push(
          voteText(part, part.votes ? revealed(part, votes) : votes, me),
        );
        votes = [];
        break;
      case "speaking_order":
        items.push(`round ${part.round} order: ${part.order.join(", ")}`);
        break;
      case "bids_revealed":
        items.push(bidsText(part, me));
        break;
      case "player_died": {
        const last = items.at(-1) ?? "";
        const eliminated = `; eliminated: ${part.player_id}`;
        if (part.cause === "vote" && last.endsWith(eliminated)) {
          items[items.length - 1] = `${last}, was ${part.role}`;
        } else {
          items.push(
            `${part.player_id} died (${part.cause}), was ${part.role}`,
          );
        }
        break;
      }
    }
  }
  flush();
  if (lines.length === 0 && day === 0) return [];
  return [`-- day ${day}${now ? ` (now: ${now})` : ""} --`, ...lines];
}

/**
 * The words of the compact record's day blocks (`_days.ts`) in one
 * language: the interface every language fills, and English.
 * @module
 */
import type { GameEventOf, Role } from "../../src/mod.ts";

/** The compact record's words in one language (the facts are the same). */
export interface DaysWords {
  /** The seat itself, from its id (English: `you`). */
  you(seat: string): string;
  /** Between the facts of a line. */
  sep: string;
  /** After a move past its deadline (a vote's voter in the vote line: `late`). */
  timedOut: string;
  late: string;
  passed(who: string): string;
  witchPass(who: string): string;
  bid(who: string, amount: number): string;
  /** A power used on `target` (`null`: nobody). */
  used(who: string, action: string, target: string | null): string;
  voted(who: string, target: string | null): string;
  abstained: string;
  noVotes: string;
  /** The vote line's end: who was eliminated (`null`: nobody). */
  eliminated(target: string | null): string;
  /** A role folded into the death (`, was seer`). */
  was(role: Role): string;
  died(who: string, cause: string, role: Role): string;
  result(werewolf: boolean): string;
  /** After `used(..., "seer_inspect", target)`: its result joined to it. */
  seen(result: string): string;
  learned(target: string, result: string): string;
  witch(event: GameEventOf<"witch_info">): string;
  order(round: number, order: readonly string[]): string;
  /** A bidding turn: the bids listed, the speaker (`null`: every bid 0). */
  bids(
    event: GameEventOf<"bids_revealed">,
    bids: string,
    speaker: string | null,
  ): string;
  phase(phase: string): string;
  /** A phase's line: its name and its facts. */
  phaseLine(phase: string, items: readonly string[]): string;
  /** A day's first line. */
  day(day: number): string;
}

/** The compact record's words in English. */
export const DAYS_EN: DaysWords = {
  you: () => "you",
  sep: "; ",
  timedOut: " (timed out)",
  late: " timed out",
  passed: (who) => `${who} passed`,
  witchPass: (who) => `${who} witch_pass`,
  bid: (who, amount) => `${who} bid ${amount}`,
  used: (who, action, target) => `${who} ${action} ${target ?? "nobody"}`,
  voted: (who, target) => `${who} voted ${target ?? "to abstain"}`,
  abstained: "abstained",
  noVotes: "no votes",
  eliminated: (target) => `eliminated: ${target ?? "nobody"}`,
  was: (role) => `, was ${role}`,
  died: (who, cause, role) => `${who} died (${cause}), was ${role}`,
  result: (werewolf) => werewolf ? "a werewolf" : "not a werewolf",
  seen: (result) => `: ${result}`,
  learned: (target, result) => `you learned ${target} is ${result}`,
  witch: (part) =>
    `werewolves' victim ${part.victim ?? "nobody"}, heal ${
      part.heal_available ? "available" : "used"
    }, poison ${part.poison_available ? "available" : "used"}`,
  order: (round, order) => `round ${round} order: ${order.join(", ")}`,
  bids: (event, bids, speaker) =>
    `bids for turn ${event.turn}: ${bids}; ${
      speaker === null
        ? "every bid 0: the talk ends"
        : `${speaker} speaks (${
          event.tie_break === "highest"
            ? "highest bid"
            : event.tie_break === "named"
            ? "tie: named in the last speech"
            : "tie: seeded draw"
        })`
    }`,
  phase: (phase) => phase,
  phaseLine: (phase, items) => `${phase}: ${items.join("; ")}`,
  day: (day) => `-- day ${day} --`,
};

/**
 * The rules' sentences in English (see `rulesText`).
 * @module
 */
import type { Rules } from "../contract/mod.ts";
import { roleCounts, type RulesWords } from "./_rules_words.ts";

function rounds(n: number): string {
  return `${n} round${n === 1 ? "" : "s"} a day`;
}

function talk(rules: Rules): string {
  const none = "Talk: none, the day goes straight to the vote.";
  const n = rules.discussionRounds ?? 0;
  switch (rules.turnPolicy) {
    case "round_robin":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; each round the living speak once each in seat order; the first speaker moves one seat each day.`;
    case "random_order":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; each round the living speak once each, in a random order drawn for that round and announced as it begins.`;
    case "parallel":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; each round the living each write one speech at the same time; the speeches are held and revealed together, in seat order, once all are in or the deadline passes.`;
    case "bidding": {
      const amounts = rules.bidAmounts ?? [];
      const max = amounts.at(-1) ?? 0;
      return (rules.maxTurns ?? 0) === 0
        ? none
        : `Talk: before each speaking turn, every living player but the one who had the last turn bids ${
          amounts[0] ?? 0
        } to ${max} for it (0: listen, ${max}: I was addressed directly); the highest bid speaks, a tie going to a player named in the last speech, then to the game's seeded draw; the bids are shown once the turn is decided. The talk ends after ${rules.maxTurns} turns or when every bid is 0.`;
    }
  }
}

function cap(rules: Rules): string {
  const cap = rules.talkCapPerDay;
  if (cap === null) return "Talk cap: none.";
  const then = rules.turnPolicy === "bidding"
    ? "is not asked to bid"
    : "is skipped";
  return `Talk cap: at most ${cap} speech${
    cap === 1 ? "" : "es"
  } per player per day (a pass does not count); a player at the cap ${then} for the rest of the day.`;
}

function vote(rules: Rules): string {
  const how = rules.votePolicy === "sequential"
    ? "each vote is shown as it is cast"
    : "the votes are hidden until the vote closes, then shown together";
  return `Vote: all at once, each living player for another living player or to abstain; ${how}; most votes eliminates, a tie or no vote eliminates nobody.`;
}

function deadlines(rules: Rules): string {
  const seconds = rules.actionTimeoutMs / 1000;
  const bid = rules.turnPolicy === "bidding"
    ? `, a bid is ${rules.defaults.bid}`
    : "";
  return `Deadlines: ${seconds} s per action; then a speech passes, a vote abstains${bid}, a power goes unused, and if no werewolf chose, the victim is drawn among the others.`;
}

/** The rules in English. */
export const EN: RulesWords = {
  roles: (rules) => {
    const table = rules.defaultRoles
      ? " (the default table of the player count, even if started early with fewer)"
      : "";
    return `Roles for ${rules.players} players: ${
      roleCounts(rules, "en")
    }${table}.`;
  },
  cycle:
    "Each night the werewolves choose a victim; each day: deaths and roles, talk, vote.",
  talk,
  cap,
  vote,
  deadlines,
  messages: (rules) => `Messages: at most ${rules.maxSayChars} characters.`,
  win:
    "Win: the village when no werewolf lives; the werewolves when at least as many as the others.",
};

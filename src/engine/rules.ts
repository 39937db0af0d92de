/**
 * The rules a game announces, made from its settings by one function each:
 * the structured {@linkcode rulesOf} and the English {@linkcode rulesText}.
 * Both are what `decide` enforces, so announced and enforced rules agree.
 * @module
 */
import {
  BID_AMOUNTS,
  BID_DEFAULT,
  type Role,
  type RoleCounts,
  ROLES,
  type Rules,
} from "../contract/mod.ts";
import { defaultRoles } from "./roles.ts";
import type { GameSettings } from "./types.ts";

/** What a missing action becomes (the table `_defaults.ts` applies). */
export const RULE_DEFAULTS: Rules["defaults"] = Object.freeze({
  speak: "pass",
  vote: "abstain",
  bid: BID_DEFAULT,
  power: "none",
  werewolves: "random_victim",
});

/** The rules of a game created with `settings`. */
export function rulesOf(settings: GameSettings): Rules {
  const bidding = settings.turnPolicy === "bidding";
  return {
    players: settings.players,
    roles: { ...(settings.roles ?? defaultRoles(settings.players)) },
    defaultRoles: settings.roles === null,
    turnPolicy: settings.turnPolicy,
    votePolicy: settings.votePolicy,
    discussionRounds: bidding ? null : settings.discussionRounds,
    maxTurns: bidding ? settings.maxTurns : null,
    bidAmounts: bidding ? [...BID_AMOUNTS] : null,
    talkCapPerDay: settings.talkCapPerDay,
    actionTimeoutMs: settings.actionTimeoutMs,
    maxSayChars: settings.maxSayChars,
    defaults: { ...RULE_DEFAULTS },
  };
}

const PLURAL: Record<Role, string> = {
  werewolf: "werewolves",
  villager: "villagers",
  seer: "seers",
  witch: "witches",
  hunter: "hunters",
  guard: "guards",
};

function rolesLine(rules: Rules): string {
  const counts: RoleCounts = rules.roles;
  const parts = ROLES.filter((role) => (counts[role] ?? 0) > 0)
    .map((role) => {
      const n = counts[role] ?? 0;
      return `${n} ${n === 1 ? role : PLURAL[role]}`;
    });
  const table = rules.defaultRoles
    ? " (the default table; a game started early with fewer players uses the default table for them)"
    : "";
  return `Roles for ${rules.players} players: ${parts.join(", ")}${table}.`;
}

function rounds(n: number): string {
  return `${n} round${n === 1 ? "" : "s"} a day`;
}

function talkLine(rules: Rules): string {
  const none = "Talk: none, the day goes straight to the vote.";
  const n = rules.discussionRounds ?? 0;
  switch (rules.turnPolicy) {
    case "round_robin":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; in each round every living player speaks once, taking turns in seat order, and the first speaker moves one seat each day.`;
    case "random_order":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; in each round every living player speaks once, in a random order drawn for that round and announced as it begins.`;
    case "parallel":
      return n === 0
        ? none
        : `Talk: ${
          rounds(n)
        }; in each round every living player writes one speech at the same time; the speeches are held and revealed together, in seat order, once all are in or the deadline passes.`;
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

function capLine(rules: Rules): string {
  const cap = rules.talkCapPerDay;
  if (cap === null) return "No player has a limit of speeches per day.";
  const then = rules.turnPolicy === "bidding"
    ? "is not asked to bid"
    : "is skipped";
  return `Talk cap: at most ${cap} speech${
    cap === 1 ? "" : "es"
  } per player per day (a pass does not count); a player at the cap ${then} for the rest of the day.`;
}

function voteLine(rules: Rules): string {
  const how = rules.votePolicy === "sequential"
    ? "each vote is shown as it is cast"
    : "the votes are hidden until the vote closes, then shown together";
  return `Vote: every living player votes at once for another living player or abstains; ${how}; the most votes eliminates, a tie or no vote eliminates nobody.`;
}

function defaultsLine(rules: Rules): string {
  const seconds = rules.actionTimeoutMs / 1000;
  const bid = rules.turnPolicy === "bidding"
    ? `, a bid is ${rules.defaults.bid}`
    : "";
  return `Deadlines: each awaited action has ${seconds} s; past it the default applies: a speech passes, a vote abstains${bid}, a power is not used, and if no werewolf chose, the victim is drawn among the others.`;
}

/**
 * The rules in a few English sentences, one per line: roles, the talk
 * (only the game's own turn policy), the talk cap, the vote, the deadlines
 * and defaults, the message length and the win.
 */
export function rulesText(rules: Rules): string {
  return [
    rolesLine(rules),
    "Each night the werewolves choose a victim; each day the deaths are announced with their roles, then the talk, then the vote.",
    talkLine(rules),
    capLine(rules),
    voteLine(rules),
    defaultsLine(rules),
    `Messages: at most ${rules.maxSayChars} characters.`,
    "The village wins when no werewolf lives; the werewolves win when they are at least as many as the others.",
  ].join("\n");
}

/**
 * The rules a game announces, made from its settings by one function each:
 * the structured {@linkcode rulesOf} and {@linkcode rulesText}, in the
 * game's language (the sentences of each are in `_rules_en.ts` and
 * `_rules_fr.ts`). Both are what `decide` enforces, so announced and
 * enforced rules agree.
 * @module
 */
import {
  BID_AMOUNTS,
  BID_DEFAULT,
  type Locale,
  type Rules,
} from "../contract/mod.ts";
import { defaultRoles } from "./roles.ts";
import { EN } from "./_rules_en.ts";
import { FR } from "./_rules_fr.ts";
import type { RulesWords } from "./_rules_words.ts";
import type { GameSettings } from "./types.ts";

/** What a missing action becomes (the table `_defaults.ts` applies). */
export const RULE_DEFAULTS: Rules["defaults"] = Object.freeze({
  speak: "pass",
  vote: "abstain",
  bid: BID_DEFAULT,
  power: "none",
  werewolves: "random_victim",
});

/** The rules of a game created with `settings` (its locale aside). */
export function rulesOf(settings: Omit<GameSettings, "locale">): Rules {
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

const WORDS: Record<Locale, RulesWords> = { en: EN, fr: FR };

/**
 * The rules in a few sentences of `locale`, one per line: roles, the
 * night and day, the talk (only the game's own turn policy), the talk cap,
 * the vote, the deadlines and defaults, the message length and the win.
 */
export function rulesText(rules: Rules, locale: Locale): string {
  const words = WORDS[locale];
  return [
    words.roles(rules),
    words.cycle,
    words.talk(rules),
    words.cap(rules),
    words.vote(rules),
    words.deadlines(rules),
    words.messages(rules),
    words.win,
  ].join("\n");
}

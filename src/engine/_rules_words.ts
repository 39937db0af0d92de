/**
 * The shape of the rules' sentences in one language (`_rules_en.ts`,
 * `_rules_fr.ts`), and what both languages share.
 * @module
 */
import {
  type Locale,
  ROLE_NAMES,
  type RoleCounts,
  ROLES,
  type Rules,
} from "../contract/mod.ts";

/** One sentence (or fixed line) per part of the rules, in one language. */
export interface RulesWords {
  /** The roles and their counts. */
  roles(rules: Rules): string;
  /** A night and a day, in order. */
  cycle: string;
  /** The talk, under the game's own turn policy only. */
  talk(rules: Rules): string;
  /** The talk cap, or that there is none. */
  cap(rules: Rules): string;
  /** The vote, under the game's own vote policy only. */
  vote(rules: Rules): string;
  /** The deadline and what each missing action becomes. */
  deadlines(rules: Rules): string;
  /** The longest message. */
  messages(rules: Rules): string;
  /** Who wins. */
  win: string;
}

/** The role counts of `rules`, e.g. `2 werewolves, 1 seer`, in `locale`. */
export function roleCounts(rules: Rules, locale: Locale): string {
  const counts: RoleCounts = rules.roles;
  return ROLES.filter((role) => (counts[role] ?? 0) > 0)
    .map((role) => {
      const n = counts[role] ?? 0;
      const name = ROLE_NAMES[locale][role];
      return `${n} ${n === 1 ? name.one : name.many}`;
    }).join(", ");
}

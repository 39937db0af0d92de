/**
 * The game view's words in each of the game's languages (`LOCALES`): one
 * table of English strings (`_words_en.ts`) and one of French
 * (`_words_fr.ts`), the same keys, read with {@linkcode t}. A string's
 * `{name}` is filled from `vars`. The lobby stays English (it lists games
 * of every language); a game's page follows that game's `locale`.
 *
 * The page takes only types from `src/mod.ts` (no zod in the bundle), so
 * the few locale facts it needs are restated here, typed by the contract's
 * `Locale`; `tests/web_i18n_test.ts` checks them against the contract's
 * `LOCALES`, `DEFAULT_LOCALE`, `LEGACY_LOCALE` and `ROLE_NAMES`.
 * @module
 */
import type { GameEvent, GameEventOf, Locale, Role } from "../src/mod.ts";
import { EN, type Key } from "./_words_en.ts";
import { FR } from "./_words_fr.ts";

export type { Key } from "./_words_en.ts";

const TABLES: Record<Locale, Record<Key, string>> = { en: EN, fr: FR };

/** Each language's name in itself, for the create form's choice. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = Object.freeze({
  en: "English",
  fr: "Français",
});

/** The contract's `DEFAULT_LOCALE`: a game created without one. */
export const DEFAULT_LOCALE: Locale = "en";

/**
 * The contract's `localeOf`: a `game_created` without `locale` is from a
 * log written before the setting, narrated in French (`LEGACY_LOCALE`).
 */
export function localeOf(created: GameEventOf<"game_created">): Locale {
  return created.locale ?? "fr";
}

/**
 * The contract's `logLocale`: the language of a log, its `game_created`'s,
 * or {@linkcode DEFAULT_LOCALE} when it has none yet.
 */
export function logLocale(events: readonly GameEvent[]): Locale {
  const created = events.find((event) => event.type === "game_created");
  return created?.type === "game_created" ? localeOf(created) : DEFAULT_LOCALE;
}

/** The word of `key` in `locale`, each `{name}` replaced by `vars[name]`. */
export function t(
  locale: Locale,
  key: Key,
  vars: Record<string, string | number> = {},
): string {
  return TABLES[locale][key].replace(
    /\{([a-zA-Z]+)\}/g,
    (whole, name: string) => name in vars ? String(vars[name]) : whole,
  );
}

/**
 * Whether `key` is a key of the tables (for keys made from identifiers the
 * tables may not know yet: a new request, action or event type).
 */
export function isKey(key: string): key is Key {
  return key in EN;
}

/** How a player died (`player_died.cause`), in a few words of `locale`. */
export function causeText(locale: Locale, cause: string): string {
  const key = `cause.${cause}`;
  return isKey(key) ? t(locale, key) : cause;
}

/** Whether `n` takes the singular in `locale` (French: 0 and 1). */
export function singular(locale: Locale, n: number): boolean {
  return locale === "fr" ? Math.abs(n) < 2 : n === 1;
}

/** A role's name in `locale`, optionally with a capital (`Werewolf`). */
export function roleName(
  locale: Locale,
  role: Role,
  options: { capital?: boolean } = {},
): string {
  const name = t(locale, `role.${role}`);
  return options.capital ? name[0]!.toUpperCase() + name.slice(1) : name;
}

/** A role after "they were": `a hunter`, `an …` in English, bare in French. */
export function aRole(locale: Locale, role: Role): string {
  const name = roleName(locale, role);
  if (locale !== "en") return name;
  return `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`;
}

/**
 * The languages a game is played in, and the names of the roles in each.
 * @module
 */
import { z } from "zod";
import type { Role } from "./game.ts";
import type { GameEvent } from "./game_events.ts";

/**
 * The languages a game can be played in: `en` (English, the default) and
 * `fr` (French). The game's locale is the language of everything the game
 * itself says (the narrator's `phase_update.description`, `rulesText`),
 * of the spectator page's game view and of the LLM agents' prompts; the
 * API's refusal sentences are English whatever the locale.
 */
export const LOCALES = ["en", "fr"] as const;

/** One of {@linkcode LOCALES}. */
export const LocaleSchema = z.enum(LOCALES);

/** A game's language. */
export type Locale = z.infer<typeof LocaleSchema>;

/** The locale of a game created without one: English. */
export const DEFAULT_LOCALE: Locale = "en";

/**
 * The locale of a `game_created` without the field: a log written before
 * the setting existed, whose narrator spoke French. It folds (and a
 * restored game narrates on, the page and the prompts follow) as French,
 * so an old game stays in the one language its log already holds.
 */
export const LEGACY_LOCALE: Locale = "fr";

/** The locale of a `game_created` (a missing field: {@linkcode LEGACY_LOCALE}). */
export function localeOf(created: { locale?: Locale | undefined }): Locale {
  return created.locale ?? LEGACY_LOCALE;
}

/**
 * The language of a game's log (a viewer's events, a transcript): its
 * `game_created`'s ({@linkcode localeOf}), or {@linkcode DEFAULT_LOCALE}
 * when the log does not hold it yet.
 */
export function logLocale(events: readonly GameEvent[]): Locale {
  const created = events.find((event) => event.type === "game_created");
  return created?.type === "game_created" ? localeOf(created) : DEFAULT_LOCALE;
}

/** A role's name in one language: one of them, and several. */
export interface RoleName {
  readonly one: string;
  readonly many: string;
}

/**
 * The roles' names in each locale, lower case (the rules text, the page
 * and the prompts read them).
 */
export const ROLE_NAMES: Readonly<
  Record<Locale, Readonly<Record<Role, RoleName>>>
> = Object.freeze({
  en: {
    werewolf: { one: "werewolf", many: "werewolves" },
    villager: { one: "villager", many: "villagers" },
    seer: { one: "seer", many: "seers" },
    witch: { one: "witch", many: "witches" },
    hunter: { one: "hunter", many: "hunters" },
    guard: { one: "guard", many: "guards" },
  },
  fr: {
    werewolf: { one: "loup-garou", many: "loups-garous" },
    villager: { one: "villageois", many: "villageois" },
    seer: { one: "voyante", many: "voyantes" },
    witch: { one: "sorcière", many: "sorcières" },
    hunter: { one: "chasseur", many: "chasseurs" },
    guard: { one: "salvateur", many: "salvateurs" },
  },
});

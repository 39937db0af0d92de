/**
 * The page's words (`web/i18n.ts`): both languages have every key with the
 * same placeholders and French is translated; the model follows the game's
 * `locale` (a log without one folds as French, like its narrator), so a
 * whole game's lines are in one language.
 * @module
 */
import assert from "node:assert/strict";
import {
  DEFAULT_LOCALE,
  type GameEvent,
  LEGACY_LOCALE,
  LOCALES,
  logLocale,
  ROLE_NAMES,
  ROLES,
} from "../src/mod.ts";
import { EN } from "../web/_words_en.ts";
import { FR } from "../web/_words_fr.ts";
import * as page from "../web/i18n.ts";
import { aRole, roleName, t } from "../web/i18n.ts";
import { foldGame, phaseTitle } from "../web/model.ts";
import { autoplay, newGame } from "./engine_helpers_test.ts";

/** Keys whose French is the English word itself. */
const SAME = new Set([
  "phase.label",
  "phase.discussion",
  "phase.vote",
  "vote.ballot",
  "replay.pause",
  "board.agent", // "Agent" in both
  "op.client", // "Client" in both
]);

const placeholders = (text: string) =>
  [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();

Deno.test("the page's French words: every English key, the same placeholders, and translated (but for a few words both languages share)", () => {
  assert.deepEqual(Object.keys(FR).sort(), Object.keys(EN).sort());
  for (const [key, english] of Object.entries(EN)) {
    const french = FR[key as keyof typeof EN];
    assert.deepEqual(placeholders(french), placeholders(english), key);
    if (key.startsWith("request.") || key.startsWith("action.")) continue;
    assert.equal(french === english, SAME.has(key), `${key}: ${french}`);
  }
  const requests = Object.entries(EN).filter(([key]) =>
    key.startsWith("request.") || key.startsWith("action.")
  );
  for (const [key, english] of requests) {
    assert.equal(key.endsWith(`.${english}`), true, `${key}: ${english}`);
    assert.notEqual(FR[key as keyof typeof EN], english, key);
  }
});

Deno.test("the page's restated locale facts are the contract's: the locales, the default, an old log's French, the roles' names", () => {
  assert.deepEqual(Object.keys(page.LOCALE_NAMES), [...LOCALES]);
  assert.equal(page.DEFAULT_LOCALE, DEFAULT_LOCALE);
  for (const log of [[], played("fr"), played("en")]) {
    assert.equal(page.logLocale(log), logLocale(log));
  }
  const [created] = played("en");
  assert.ok(created?.type === "game_created");
  const { locale: _, ...old } = created;
  assert.equal(page.localeOf(old), LEGACY_LOCALE);
  for (const locale of LOCALES) {
    for (const role of ROLES) {
      assert.equal(roleName(locale, role), ROLE_NAMES[locale][role].one);
    }
  }
});

Deno.test("t() fills its placeholders; roleName(), aRole() and phaseTitle() speak the locale", () => {
  assert.equal(t("en", "vote.day", { n: 3 }), "The vote of day 3");
  assert.equal(t("fr", "vote.day", { n: 3 }), "Le vote du jour 3");
  assert.equal(roleName("fr", "seer", { capital: true }), "Voyante");
  assert.equal(aRole("en", "werewolf"), "a werewolf");
  assert.equal(aRole("en", "hunter"), "a hunter");
  assert.equal(aRole("fr", "hunter"), "chasseur");
  assert.equal(phaseTitle("witch"), "The witch's turn");
  assert.equal(phaseTitle("witch", "fr"), "Le tour de la sorcière");
});

function played(locale?: "en" | "fr"): GameEvent[] {
  const run = newGame({ players: 8, rounds: 1, ...(locale ? { locale } : {}) });
  autoplay(run, 3);
  return run.log;
}

Deno.test("foldGame() of a French game: the model's locale is fr and its own lines (the start, deaths, the verdict, the end) are French next to the narrator's", () => {
  const fr = foldGame(played("fr"));
  assert.equal(fr.locale, "fr");
  const text = fr.chat.map((line) => line.text);
  assert.ok(text.includes("La partie commence avec 8 joueurs."));
  assert.ok(
    text.includes(
      "Nuit 1 : le village s'endort, les loups-garous se réveillent.",
    ),
  );
  assert.ok(text.some((line) => /; son rôle : /.test(line)), "a death");
  assert.ok(
    text.some((line) => /^Le vote (désigne|est nul)/.test(line)),
    "a verdict",
  );
  assert.match(text.at(-1)!, /^(Le village|Les loups-garous) gagnent? !$/);
  assert.ok(!text.some((line) => / was | wins!|votes out/.test(line)));
  const en = foldGame(played());
  assert.equal(en.locale, "en");
  const english = en.chat.map((line) => line.text);
  assert.ok(english.includes("The game begins with 8 players."));
  assert.ok(
    english.includes(
      "Night 1: the village falls asleep and the werewolves wake.",
    ),
  );
  assert.ok(!english.some((line) => /son rôle|gagne|Nuit /.test(line)));
});

Deno.test("a log whose game_created has no locale (written before the setting) folds as French; a log without game_created yet as English", () => {
  const [created, ...rest] = played("fr");
  assert.ok(created?.type === "game_created");
  const { locale: _, ...old } = created;
  assert.equal(foldGame([old, ...rest]).locale, LEGACY_LOCALE);
  assert.equal(logLocale([old]), "fr");
  assert.equal(logLocale([]), "en");
  assert.equal(logLocale(played().slice(0, 1)), "en");
});

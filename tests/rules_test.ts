/**
 * The announced rules are the enforced rules: `rulesText` changes with
 * every setting and describes the game's own policies and no other
 * (`rules_behaviour_test.ts` plays games under each policy against them).
 * @module
 */
import assert from "node:assert/strict";
import {
  type Locale,
  LOCALES,
  TURN_POLICIES,
  type TurnPolicy,
  VOTE_POLICIES,
  type VotePolicy,
} from "../src/contract/mod.ts";
import {
  type GameSettings,
  redact,
  rulesOf,
  rulesText,
} from "../src/engine/mod.ts";
import { newGame, ofType } from "./engine_helpers_test.ts";

type Settings = Omit<GameSettings, "locale">;

const BASE: Settings = {
  players: 8,
  roles: null,
  actionTimeoutMs: 30_000,
  discussionRounds: 2,
  autoStart: true,
  maxSayChars: 2000,
  turnPolicy: "round_robin",
  votePolicy: "sequential",
  maxTurns: null,
  talkCapPerDay: null,
};
const BIDDING: Settings = {
  ...BASE,
  turnPolicy: "bidding",
  discussionRounds: null,
  maxTurns: 8,
};
const text = (settings: Settings, locale: Locale = "en") =>
  rulesText(rulesOf(settings), locale);

Deno.test("rulesText() changes when any setting changes, in every locale", () => {
  const variants: [string, Settings][] = [
    ["base", BASE],
    ["players", { ...BASE, players: 9 }],
    ["roles", { ...BASE, roles: { werewolf: 3, seer: 1, villager: 4 } }],
    ["random_order", { ...BASE, turnPolicy: "random_order" }],
    ["parallel", { ...BASE, turnPolicy: "parallel" }],
    ["bidding", BIDDING],
    ["maxTurns", { ...BIDDING, maxTurns: 5 }],
    ["simultaneous", { ...BASE, votePolicy: "simultaneous" }],
    ["discussionRounds", { ...BASE, discussionRounds: 3 }],
    ["no rounds", { ...BASE, discussionRounds: 0 }],
    ["talkCapPerDay", { ...BASE, talkCapPerDay: 2 }],
    ["talkCapPerDay under bidding", { ...BIDDING, talkCapPerDay: 2 }],
    ["actionTimeoutMs", { ...BASE, actionTimeoutMs: 5_000 }],
    ["maxSayChars", { ...BASE, maxSayChars: 500 }],
  ];
  for (const locale of LOCALES) {
    const seen = new Map<string, string>();
    for (const [name, settings] of variants) {
      const said = text(settings, locale);
      assert.equal(
        seen.get(said),
        undefined,
        `${locale}: ${name} reads like ${seen.get(said)}`,
      );
      seen.set(said, name);
    }
  }
  assert.match(text({ ...BASE, discussionRounds: 3 }), /3 rounds a day/);
  assert.match(text({ ...BIDDING, maxTurns: 5 }), /after 5 turns/);
  assert.match(
    text({ ...BASE, talkCapPerDay: 2 }),
    /at most 2 speeches per player per day/,
  );
  assert.match(text({ ...BASE, actionTimeoutMs: 5_000 }), /5 s per action/);
  assert.match(text({ ...BASE, maxSayChars: 500 }), /at most 500 characters/);
  assert.match(
    text(BASE),
    /2 werewolves, 3 villagers, 1 seer, 1 witch, 1 hunter \(the default table/,
  );
});

Deno.test("rulesText() in French says the same numbers and role counts", () => {
  const fr = (settings: Settings) => text(settings, "fr");
  assert.match(
    fr({ ...BASE, discussionRounds: 3 }),
    /3 tours de parole par jour/,
  );
  assert.match(fr({ ...BIDDING, maxTurns: 5 }), /après 5 prises de parole/);
  assert.match(
    fr({ ...BASE, talkCapPerDay: 2 }),
    /au plus 2 discours par joueur et par jour/,
  );
  assert.match(fr({ ...BASE, actionTimeoutMs: 5_500 }), /5,5 s par action/);
  assert.match(fr({ ...BASE, maxSayChars: 500 }), /au plus 500 caractères/);
  assert.match(
    fr(BASE),
    /^Rôles pour 8 joueurs : 2 loups-garous, 3 villageois, 1 voyante, 1 sorcière, 1 chasseur \(la table par défaut/,
  );
  assert.equal(fr(BASE).split("\n").length, text(BASE).split("\n").length);
});

/** The words that only a policy's description may hold, by locale. */
const TURN_WORDS: Record<Locale, Record<TurnPolicy, RegExp[]>> = {
  en: {
    round_robin: [/speak once each in seat order/, /first speaker moves/],
    random_order: [/random order/],
    bidding: [/\bbids?\b/, /highest bid/],
    parallel: [/at the same time/, /revealed together/],
  },
  fr: {
    round_robin: [/à tour de rôle dans l'ordre des places/, /premier à parler/],
    random_order: [/ordre tiré au sort/],
    bidding: [/\bench[eéè]r/, /plus forte enchère/],
    parallel: [/en même temps/, /révélés ensemble/],
  },
};
const VOTE_WORDS: Record<Locale, Record<VotePolicy, RegExp[]>> = {
  en: {
    sequential: [/shown as it is cast/],
    simultaneous: [/hidden until the vote closes/, /shown together/],
  },
  fr: {
    sequential: [/montré dès qu'il est exprimé/],
    simultaneous: [/cachés jusqu'à la clôture/, /montrés ensemble/],
  },
};

for (const locale of LOCALES) {
  Deno.test(`rulesText(rules, "${locale}") describes the game's own turn and vote policies and no other`, () => {
    policyWords(locale);
  });
}

function policyWords(locale: Locale): void {
  for (const turnPolicy of TURN_POLICIES) {
    for (const votePolicy of VOTE_POLICIES) {
      for (const talkCapPerDay of [null, 1]) {
        const settings = turnPolicy === "bidding"
          ? { ...BIDDING, votePolicy, talkCapPerDay }
          : { ...BASE, turnPolicy, votePolicy, talkCapPerDay };
        const said = text(settings, locale);
        const name = `${turnPolicy}/${votePolicy}/${talkCapPerDay}`;
        for (const [policy, words] of Object.entries(TURN_WORDS[locale])) {
          for (const word of words) {
            assert.equal(
              word.test(said),
              policy === turnPolicy,
              `${name}: ${word}`,
            );
          }
        }
        for (const [policy, words] of Object.entries(VOTE_WORDS[locale])) {
          for (const word of words) {
            assert.equal(
              word.test(said),
              policy === votePolicy,
              `${name}: ${word}`,
            );
          }
        }
      }
    }
  }
}

Deno.test("game_created announces rulesOf() and rulesText() of its settings, to every viewer", () => {
  const run = newGame({
    players: 7,
    rounds: 1,
    turnPolicy: "parallel",
    votePolicy: "simultaneous",
    talkCapPerDay: 2,
  });
  const [created] = ofType(run.log, "game_created");
  assert.deepEqual(created!.rules, rulesOf(run.state.settings));
  assert.equal(created!.locale, "en");
  assert.equal(created!.rulesText, rulesText(created!.rules!, "en"));
  const seen = redact(run.state, created!, { kind: "public" });
  assert.equal(
    seen?.type === "game_created" && seen.rulesText,
    created!.rulesText,
  );
  assert.deepEqual(created!.rules!.defaults, {
    speak: "pass",
    vote: "abstain",
    bid: 0,
    power: "none",
    werewolves: "random_victim",
  });
});

Deno.test("a game created with locale fr announces it and its rulesText in French; the narrator speaks French", () => {
  const run = newGame({ players: 5, rounds: 1, locale: "fr" });
  const [created] = ofType(run.log, "game_created");
  assert.equal(created!.locale, "fr");
  assert.equal(run.state.settings.locale, "fr");
  assert.equal(created!.rulesText, rulesText(created!.rules!, "fr"));
  assert.match(created!.rulesText!, /^Rôles pour 5 joueurs : 1 loup-garou/);
  const [night] = ofType(run.log, "phase_update");
  assert.equal(
    night!.description,
    "Nuit 1 : le village s'endort, les loups-garous se réveillent.",
  );
  const english = newGame({ players: 5, rounds: 1 });
  assert.equal(
    ofType(english.log, "phase_update")[0]!.description,
    "Night 1: the village falls asleep and the werewolves wake.",
  );
});

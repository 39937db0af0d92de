/**
 * The announced rules are the enforced rules: `rulesText` changes with
 * every setting and describes the game's own policies and no other
 * (`rules_behaviour_test.ts` plays games under each policy against them).
 * @module
 */
import assert from "node:assert/strict";
import {
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

const BASE: GameSettings = {
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
const BIDDING: GameSettings = {
  ...BASE,
  turnPolicy: "bidding",
  discussionRounds: null,
  maxTurns: 8,
};
const text = (settings: GameSettings) => rulesText(rulesOf(settings));

Deno.test("rulesText() changes when any setting changes", () => {
  const variants: [string, GameSettings][] = [
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
  const seen = new Map<string, string>();
  for (const [name, settings] of variants) {
    const said = text(settings);
    assert.equal(
      seen.get(said),
      undefined,
      `${name} reads like ${seen.get(said)}`,
    );
    seen.set(said, name);
  }
  assert.match(text({ ...BASE, discussionRounds: 3 }), /3 rounds a day/);
  assert.match(text({ ...BIDDING, maxTurns: 5 }), /after 5 turns/);
  assert.match(
    text({ ...BASE, talkCapPerDay: 2 }),
    /at most 2 speeches per player per day/,
  );
  assert.match(text({ ...BASE, actionTimeoutMs: 5_000 }), /has 5 s/);
  assert.match(text({ ...BASE, maxSayChars: 500 }), /at most 500 characters/);
  assert.match(
    text(BASE),
    /2 werewolves, 3 villagers, 1 seer, 1 witch, 1 hunter \(the default table/,
  );
});

/** The words that only a policy's description may hold. */
const TURN_WORDS: Record<TurnPolicy, RegExp[]> = {
  round_robin: [/taking turns in seat order/, /first speaker moves/],
  random_order: [/random order/],
  bidding: [/\bbids?\b/, /highest bid/],
  parallel: [/at the same time/, /revealed together/],
};
const VOTE_WORDS: Record<VotePolicy, RegExp[]> = {
  sequential: [/shown as it is cast/],
  simultaneous: [/hidden until the vote closes/, /shown together/],
};

Deno.test("rulesText() describes the game's own turn and vote policies and no other", () => {
  for (const turnPolicy of TURN_POLICIES) {
    for (const votePolicy of VOTE_POLICIES) {
      for (const talkCapPerDay of [null, 1]) {
        const settings = turnPolicy === "bidding"
          ? { ...BIDDING, votePolicy, talkCapPerDay }
          : { ...BASE, turnPolicy, votePolicy, talkCapPerDay };
        const said = text(settings);
        const name = `${turnPolicy}/${votePolicy}/${talkCapPerDay}`;
        for (const [policy, words] of Object.entries(TURN_WORDS)) {
          for (const word of words) {
            assert.equal(
              word.test(said),
              policy === turnPolicy,
              `${name}: ${word}`,
            );
          }
        }
        for (const [policy, words] of Object.entries(VOTE_WORDS)) {
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
});

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
  assert.equal(created!.rulesText, rulesText(created!.rules!));
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

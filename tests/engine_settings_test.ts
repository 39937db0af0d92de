/**
 * The talk and vote settings of `create`: their checks and defaults, and
 * an older log whose `game_created` has none of them.
 * @module
 */
import assert from "node:assert/strict";
import {
  DISCUSSION_ROUNDS,
  type GameEvent,
  LEGACY_LOCALE,
  MAX_TURNS,
  TALK_CAP,
} from "../src/contract/mod.ts";
import {
  type Command,
  decide,
  initialState,
  replay,
} from "../src/engine/mod.ts";
import { autoplay, ofType, type Run, send, T0 } from "./engine_helpers_test.ts";

const CREATE = {
  type: "create",
  at: T0,
  gameId: "g-lobby",
  name: "Lobby",
  seed: 5,
  players: 6,
  actionTimeoutMs: 1000,
  autoStart: true,
} as const satisfies Command;

const BAD: [fields: Record<string, unknown>, message: string][] = [
  [
    { turnPolicy: "loudest" },
    "turnPolicy must be one of round_robin, random_order, bidding, parallel",
  ],
  [
    { votePolicy: "secret" },
    "votePolicy must be one of sequential, simultaneous",
  ],
  [
    { maxTurns: 3 },
    "maxTurns counts the turns of the bidding policy: under turnPolicy round_robin set discussionRounds instead",
  ],
  [
    { turnPolicy: "parallel", maxTurns: 3 },
    "maxTurns counts the turns of the bidding policy: under turnPolicy parallel set discussionRounds instead",
  ],
  [
    { turnPolicy: "bidding", discussionRounds: 1 },
    "discussionRounds counts rounds, and bidding counts turns: under turnPolicy bidding set maxTurns instead",
  ],
  [
    { discussionRounds: DISCUSSION_ROUNDS.max + 1 },
    `discussionRounds must be ${DISCUSSION_ROUNDS.min} to ${DISCUSSION_ROUNDS.max}`,
  ],
  [
    { turnPolicy: "bidding", maxTurns: MAX_TURNS.max + 1 },
    `maxTurns must be ${MAX_TURNS.min} to ${MAX_TURNS.max}`,
  ],
  [
    { talkCapPerDay: TALK_CAP.min - 1 },
    `talkCapPerDay must be ${TALK_CAP.min} to ${TALK_CAP.max} speeches, or null for no cap`,
  ],
  [
    { talkCapPerDay: 1.5 },
    `talkCapPerDay must be ${TALK_CAP.min} to ${TALK_CAP.max} speeches, or null for no cap`,
  ],
];

for (const [fields, message] of BAD) {
  Deno.test(`decide() refuses a create with ${JSON.stringify(fields)}`, () => {
    const decision = decide(
      initialState(),
      { ...CREATE, ...fields } as Command,
    );
    assert.deepEqual(decision, {
      ok: false,
      violation: { code: "BAD_REQUEST", message },
    });
  });
}

Deno.test("create defaults: round_robin with DISCUSSION_ROUNDS.default rounds, sequential votes, no cap; bidding: maxTurns = players and no rounds", () => {
  const created = (fields: Partial<Command>) => {
    const decision = decide(
      initialState(),
      { ...CREATE, ...fields } as Command,
    );
    assert.ok(decision.ok);
    return decision.events[0] as GameEvent & { type: "game_created" };
  };
  const plain = created({});
  assert.deepEqual(
    [
      plain.turnPolicy,
      plain.votePolicy,
      plain.discussionRounds,
      plain.maxTurns,
      plain.talkCapPerDay,
    ],
    ["round_robin", "sequential", DISCUSSION_ROUNDS.default, null, null],
  );
  const bidding = created({ turnPolicy: "bidding", talkCapPerDay: 3 });
  assert.deepEqual(
    [bidding.discussionRounds, bidding.maxTurns, bidding.talkCapPerDay],
    [null, CREATE.players, 3],
  );
  assert.deepEqual(
    [
      bidding.rules?.maxTurns,
      bidding.rules?.bidAmounts,
      plain.rules?.bidAmounts,
    ],
    [CREATE.players, [0, 1, 2, 3, 4], null],
  );
});

Deno.test("an older log without the policies and locale replays as round_robin, sequential, no cap, French (its narrator's language), and plays on exactly like one", () => {
  const legacy: GameEvent = {
    type: "game_created",
    seq: 1,
    at: T0,
    gameId: "g-legacy",
    name: "Old",
    seed: 5,
    players: 6,
    roles: {},
    actionTimeoutMs: 1000,
    discussionRounds: 1,
    autoStart: true,
  };
  const old: Run = { state: replay([legacy]), log: [legacy], at: T0 };
  assert.deepEqual(
    [
      old.state.settings.turnPolicy,
      old.state.settings.votePolicy,
      old.state.settings.maxTurns,
      old.state.settings.talkCapPerDay,
      old.state.settings.maxSayChars,
      old.state.settings.locale,
    ],
    ["round_robin", "sequential", null, null, 2000, LEGACY_LOCALE],
  );
  assert.equal(LEGACY_LOCALE, "fr");
  const decision = decide(initialState(), {
    ...CREATE,
    gameId: "g-legacy",
    name: "Old",
    discussionRounds: 1,
    locale: "fr",
  });
  assert.ok(decision.ok);
  const fresh: Run = {
    state: replay(decision.events),
    log: [...decision.events],
    at: T0,
  };
  for (const run of [old, fresh]) {
    for (let i = 1; i <= 6; i++) {
      send(run, { type: "join", name: `Player ${i}` });
    }
    autoplay(run, 3);
  }
  const tail = (run: Run) => run.log.slice(1);
  assert.deepEqual(tail(old), tail(fresh));
  assert.equal(
    ofType(old.log, "phase_update")[0]?.description,
    "Nuit 1 : le village s'endort, les loups-garous se réveillent.",
  );
  assert.equal(old.state.winner, fresh.state.winner);
});

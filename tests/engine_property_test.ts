import assert from "node:assert/strict";
import {
  ACTION_KINDS,
  type GameEvent,
  type GameEventOf,
  GameEventSchema,
  GameViewSchema,
  type PlayerId,
  type RoleCounts,
  ROLES,
  TURN_POLICIES,
  type TurnPolicy,
  VOTE_POLICIES,
  type VotePolicy,
} from "../src/contract/mod.ts";
import {
  awaiting,
  type Command,
  decide,
  evolve,
  type GameState,
  initialState,
  nextDeadline,
  replay,
  viewOf,
} from "../src/engine/mod.ts";
import { answerAwaited, driverRng } from "../bench/_engine_player.ts";
import { ofType, T0 } from "./engine_helpers_test.ts";

const GAMES = 1000;
const MAX_COMMANDS = 4000;

function randomRoles(rand: (n: number) => number, players: number): RoleCounts {
  const roles: RoleCounts = {
    werewolf: 1 + rand(Math.floor((players - 1) / 2)),
  };
  let left = players - (roles.werewolf ?? 0);
  for (const power of ["seer", "witch", "hunter", "guard"] as const) {
    if (rand(2) === 1) {
      roles[power] = 1;
      left--;
    }
  }
  roles.villager = left;
  return roles;
}

const someId = (rand: (n: number) => number): PlayerId => `p${1 + rand(20)}`;

/** A legal command for an awaited action, or a random (often illegal) one. */
function nextCommand(
  rand: (n: number) => number,
  state: GameState,
  at: number,
): Command {
  const roll = rand(100);
  if (roll < 8) return { type: "timeout", at: nextDeadline(state) ?? at };
  if (roll < 70 && state.pending.length > 0) {
    return answerAwaited(rand, state.pending[rand(state.pending.length)]!, at);
  }
  const player_id = someId(rand);
  switch (rand(7)) {
    case 5:
      return { type: "bid", at, player_id, amount: rand(7) - 1 };
    case 0:
      return { type: "say", at, player_id, text: rand(2) === 0 ? "" : "hello" };
    case 1:
      return {
        type: "vote",
        at,
        player_id,
        target: rand(4) === 0 ? null : someId(rand),
      };
    case 2:
      return { type: "join", at, name: `Late ${rand(5)}` };
    case 3:
      return { type: "start", at };
    default: {
      const kind = ACTION_KINDS[rand(ACTION_KINDS.length)]!;
      const target = rand(5) === 0 ? {} : { target: someId(rand) };
      return { type: "act", at, player_id, action: { kind, ...target } };
    }
  }
}

/** Freezes a state deeply, so any mutation by the engine throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** What the invariants count in a log, kept as it grows. */
interface Tally {
  died: GameEventOf<"player_died">[];
  saves: number;
  poisons: number;
}

/** Counts one more event of the log into `tally`. */
function count(tally: Tally, event: GameEvent): void {
  if (event.type === "player_died") tally.died.push(event);
  if (event.type !== "player_action") return;
  if (event.action === "witch_save") tally.saves++;
  if (event.action === "witch_poison") tally.poisons++;
}

function checkInvariants(state: GameState, tally: Tally): void {
  const { died, saves, poisons } = tally;
  assert.equal(
    state.players.filter((s) => s.alive).length,
    state.players.length - died.length,
  );
  assert.equal(
    new Set(died.map((e) => e.player_id)).size,
    died.length,
    "someone died twice",
  );
  if (state.phase !== "lobby") {
    for (const role of ROLES) {
      assert.equal(
        state.players.filter((s) => s.role === role).length,
        state.roles[role] ?? 0,
        role,
      );
    }
  }
  assert.ok(saves <= 1 && poisons <= 1, "a potion was used twice");
  assert.equal(state.potions.heal, saves === 0);
  assert.equal(state.potions.poison, poisons === 0);
  for (const p of state.pending) {
    const seat = state.players.find((s) => s.id === p.player_id)!;
    assert.ok(
      seat.alive || p.request === "hunter_shoot",
      `${p.player_id} is dead but awaited`,
    );
    for (const id of p.options) {
      assert.ok(state.players.find((s) => s.id === id)?.alive);
    }
  }
  const { talkCapPerDay, turnPolicy } = state.settings;
  for (const [id, n] of Object.entries(state.talk.spoken)) {
    assert.ok(talkCapPerDay === null || n <= talkCapPerDay, `${id} spoke ${n}`);
  }
  const speaking = state.pending.filter((p) => p.request === "speak");
  const bidding = state.pending.filter((p) => p.request === "bid");
  if (state.phase === "discussion") {
    if (turnPolicy !== "parallel") assert.ok(speaking.length <= 1);
    assert.ok(turnPolicy === "bidding" || bidding.length === 0);
    assert.ok(speaking.length === 0 || bidding.length === 0);
  } else assert.equal(speaking.length + bidding.length, 0);
  assert.equal(state.winner !== null, state.phase === "ended");
  if (state.phase !== "lobby" && state.phase !== "ended") {
    assert.ok(state.pending.length > 0, `stuck in ${state.phase}`);
  }
}

/** The policies of a game. */
interface Policies {
  turnPolicy: TurnPolicy;
  votePolicy: VotePolicy;
}

/** Plays one seeded game; returns its log, final state and command count. */
function playGame(seed: number, validate: boolean, policies: Policies) {
  const rand = driverRng(seed);
  const players = 5 + rand(14);
  const roles = rand(3) === 0 ? { roles: randomRoles(rand, players) } : {};
  const autoStart = rand(5) !== 0;
  let state = initialState();
  const log: GameEvent[] = [];
  const tally: Tally = { died: [], saves: 0, poisons: 0 };
  let at = T0;
  const apply = (command: Command) => {
    if (validate) deepFreeze(state);
    const decision = decide(state, command);
    if (!decision.ok) {
      assert.ok(decision.violation.message.length > 10);
      return;
    }
    assert.equal(decision.states.length, decision.events.length);
    for (const [i, event] of decision.events.entries()) {
      assert.equal(event.seq, state.seq + 1);
      assert.equal(event.at, command.at);
      if (validate) GameEventSchema.parse(event);
      state = evolve(state, event);
      // decide's own state after each event is the fold of the events
      if (validate) assert.deepEqual(decision.states[i], state);
      log.push(event);
      count(tally, event);
    }
    checkInvariants(state, tally);
  };
  apply({
    type: "create",
    at,
    gameId: `g-prop${seed}`,
    name: `Game ${seed}`,
    seed: seed * 7919,
    players,
    ...roles,
    actionTimeoutMs: 500 + rand(1000),
    ...(policies.turnPolicy === "bidding"
      ? { maxTurns: rand(2 * players) }
      : { discussionRounds: rand(3) }),
    autoStart,
    ...policies,
    ...(rand(3) === 0 ? { talkCapPerDay: 1 + rand(2) } : {}),
  });
  const joining = autoStart || roles.roles ? players : 5 + rand(players - 4);
  for (let i = 0; i < joining; i++) {
    apply({ type: "join", at: ++at, name: `Agent ${i}` });
  }
  if (!autoStart) apply({ type: "start", at: ++at });
  let commands = 0;
  while (state.phase !== "ended" && commands < MAX_COMMANDS) {
    at += rand(200);
    const command = nextCommand(rand, state, at);
    at = Math.max(at, command.at);
    apply(command);
    commands++;
    if (validate) {
      GameViewSchema.parse(viewOf(state, { kind: "public" }));
      const p = state.pending[0];
      if (p) assert.deepEqual(awaiting(state, p.player_id)?.request, p.request);
    }
  }
  return { log, state, commands };
}

/** Every pair of a turn policy and a vote policy. */
const COMBINATIONS: Policies[] = TURN_POLICIES.flatMap((turnPolicy) =>
  VOTE_POLICIES.map((votePolicy) => ({ turnPolicy, votePolicy }))
);

for (const policies of COMBINATIONS) {
  const name = `${policies.turnPolicy}/${policies.votePolicy}`;
  Deno.test(`1,000 seeded random ${name} games with illegal commands and timeouts all end with a winner`, () => {
    let most = 0;
    const winners = { village: 0, werewolves: 0 };
    for (let seed = 1; seed <= GAMES; seed++) {
      const { log, state, commands } = playGame(seed, seed <= 40, policies);
      assert.equal(
        state.phase,
        "ended",
        `game ${seed} did not end in ${MAX_COMMANDS} commands`,
      );
      assert.ok(state.winner !== null);
      winners[state.winner]++;
      most = Math.max(most, commands);
      const over = ofType(log, "game_over")[0]!;
      const alive = state.players.filter((s) => s.alive);
      const wolves = alive.filter((s) => s.role === "werewolf").length;
      if (over.winner === "village") assert.equal(wolves, 0);
      else assert.ok(wolves > 0 && wolves >= alive.length - wolves);
      assert.deepEqual(replay(log), state, `game ${seed} does not replay`);
      assert.deepEqual(
        JSON.parse(JSON.stringify(state)),
        state,
        "the state is not JSON-safe",
      );
    }
    assert.ok(
      winners.village > 50 && winners.werewolves > 50,
      JSON.stringify(winners),
    );
    assert.ok(most < MAX_COMMANDS);
  });
}

Deno.test("the same seed and commands give the same log", () => {
  for (let seed = 1; seed <= 30; seed++) {
    const policies = COMBINATIONS[seed % COMBINATIONS.length]!;
    assert.deepEqual(
      playGame(seed, false, policies).log,
      playGame(seed, false, policies).log,
    );
  }
});

Deno.test("replay() after every event rebuilds the live state, RNG included", () => {
  const { log } = playGame(4242, false, {
    turnPolicy: "random_order",
    votePolicy: "simultaneous",
  });
  let live = initialState();
  for (let i = 0; i < log.length; i++) {
    live = evolve(live, log[i]!);
    if (i % 7 === 0) assert.deepEqual(replay(log.slice(0, i + 1)), live);
  }
  assert.ok(live.rng !== initialState().rng);
});

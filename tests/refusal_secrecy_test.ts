/**
 * Refusals keep the night's secrets: whole seeded games where, at every
 * step, every seat (living, dead, and one that does not exist) sends every
 * wrong command there is, and each refusal is checked against what that
 * seat may know from its own log as `redact` shows it.
 * @module
 */
import assert from "node:assert/strict";
import {
  ACTION_KINDS,
  type GameAction,
  type PlayerId,
  type RoleCounts,
  type TurnPolicy,
  type VotePolicy,
} from "../src/contract/mod.ts";
import { decide, type Viewer } from "../src/engine/mod.ts";
import {
  attempt,
  type CommandBody,
  newGame,
  type Run,
  seeded,
  send,
} from "./engine_helpers_test.ts";
import { answerAwaited } from "../bench/_engine_player.ts";
import { knowledgeOf, secretsIn, viewSecrets } from "./_secrecy.ts";

/** A table: its seats, roles and policies (default round_robin, sequential). */
interface Table {
  players: number;
  roles?: RoleCounts;
  turnPolicy?: TurnPolicy;
  votePolicy?: VotePolicy;
  talkCapPerDay?: number;
}

/**
 * Tables from 5 to 12 seats; together they hold every role, every turn
 * policy, both vote policies and a talk cap.
 */
const TABLES: readonly Table[] = [
  { players: 5 },
  { players: 7 },
  { players: 9 },
  { players: 12 },
  {
    players: 7,
    roles: {
      werewolf: 2,
      seer: 1,
      witch: 1,
      hunter: 1,
      guard: 1,
      villager: 1,
    },
  },
  { players: 7, turnPolicy: "random_order", talkCapPerDay: 1 },
  { players: 8, turnPolicy: "bidding", votePolicy: "simultaneous" },
  { players: 9, turnPolicy: "bidding", talkCapPerDay: 1 },
  { players: 7, turnPolicy: "parallel", votePolicy: "simultaneous" },
];
const SEEDS = [3, 7, 17, 2024];
const MAX_STEPS = 600;

/** Every command `id` could send, right or wrong: each kind, each target. */
function everyCommand(run: Run, id: PlayerId): CommandBody[] {
  const targets: (PlayerId | undefined)[] = [
    undefined,
    ...run.state.players.map((seat) => seat.id),
    "p99",
  ];
  const commands: CommandBody[] = [
    { type: "say", player_id: id, text: "" },
    { type: "say", player_id: id, text: "who is it?" },
    { type: "vote", player_id: id, target: null },
    { type: "bid", player_id: id, amount: 0 },
    { type: "bid", player_id: id, amount: 4 },
    { type: "bid", player_id: id, amount: 9 },
    { type: "forfeit", player_id: id, via: "bid", failed: "model_error" },
    { type: "forfeit", player_id: id, via: "say", failed: "model_error" },
  ];
  for (const target of targets) {
    if (target !== undefined) {
      commands.push({ type: "vote", player_id: id, target });
    }
    for (const kind of ACTION_KINDS) {
      const action =
        (target === undefined ? { kind } : { kind, target }) as GameAction;
      commands.push({ type: "act", player_id: id, action });
    }
  }
  return commands;
}

/** Sends every command from every seat; the secrets told and the refusals. */
function probe(run: Run): { leaks: string[]; refusals: number } {
  const leaks: string[] = [];
  let refusals = 0;
  const callers: PlayerId[] = [...run.state.players.map((s) => s.id), "p99"];
  for (const id of callers) {
    const viewer: Viewer = { kind: "player", player_id: id };
    const known = knowledgeOf(run.state, run.log, viewer);
    leaks.push(...viewSecrets(run.state, viewer, known));
    for (const body of everyCommand(run, id)) {
      const decision = decide(run.state, { ...body, at: run.at + 1 });
      if (decision.ok) continue;
      refusals++;
      const { message } = decision.violation;
      for (const secret of secretsIn(message, known)) {
        leaks.push(
          `${run.state.phase}, ${id} (${known.myRole}) ${
            JSON.stringify(body)
          } -> "${message}": ${secret}`,
        );
      }
    }
  }
  return { leaks, refusals };
}

/** Plays one game to its end, probing before every move; the leaks found. */
function playProbing(
  table: Table,
  seed: number,
): { leaks: string[]; phases: Set<string>; refusals: number } {
  const { players, roles, turnPolicy, votePolicy, talkCapPerDay } = table;
  const run = newGame({
    players,
    seed,
    ...(turnPolicy === "bidding" ? { maxTurns: 4 } : { rounds: 1 }),
    ...(roles ? { roles } : {}),
    ...(turnPolicy ? { turnPolicy } : {}),
    ...(votePolicy ? { votePolicy } : {}),
    ...(talkCapPerDay ? { talkCapPerDay } : {}),
  });
  const rand = seeded(seed * 31 + table.players);
  const leaks: string[] = [];
  const phases = new Set<string>();
  let refusals = 0;
  for (let step = 0; run.state.phase !== "ended"; step++) {
    assert.ok(step < MAX_STEPS, "the game does not end");
    phases.add(run.state.phase);
    const found = probe(run);
    refusals += found.refusals;
    leaks.push(...found.leaks);
    const pending = run.state.pending[rand(run.state.pending.length)];
    if (pending === undefined || rand(10) === 0) {
      send(run, { type: "timeout", at: run.at + 10_000 });
      continue;
    }
    const answer = answerAwaited(rand, pending, run.at + 1);
    if (!attempt(run, answer).ok) {
      send(run, {
        type: "act",
        player_id: pending.player_id,
        action: { kind: "witch_pass" },
      });
    }
  }
  const last = probe(run);
  leaks.push(...last.leaks);
  refusals += last.refusals;
  return { leaks, phases, refusals };
}

for (const table of TABLES) {
  const roles = table.roles ? JSON.stringify(table.roles) : "default roles";
  const policies = [
    table.turnPolicy ?? "round_robin",
    table.votePolicy ?? "sequential",
    ...(table.talkCapPerDay ? [`cap ${table.talkCapPerDay}`] : []),
  ].join(", ");
  Deno.test(`refusals tell no seat another's role, power or turn: ${table.players} players, ${roles}, ${policies}`, () => {
    const leaks: string[] = [];
    const phases = new Set<string>();
    let refusals = 0;
    for (const seed of SEEDS) {
      const game = playProbing(table, seed);
      leaks.push(...game.leaks);
      refusals += game.refusals;
      for (const phase of game.phases) phases.add(phase);
    }
    // dawn awaits nothing, so no command is ever decided in it
    const hunter = (table.roles?.hunter ?? (table.players >= 7 ? 1 : 0)) > 0;
    const reached = ["night", "witch", "discussion", "vote"];
    for (const phase of hunter ? [...reached, "hunter"] : reached) {
      assert.ok(phases.has(phase), `no game reached the ${phase}`);
    }
    assert.ok(refusals > 10_000, `only ${refusals} refusals probed`);
    const told = [...new Set(leaks.map((leak) => leak.split(" -> ")[1]))];
    assert.deepEqual(told.slice(0, 8), [], `${leaks.length} leaks`);
  });
}

Deno.test("secretsIn flags another's role or turn and passes the caller's own facts", () => {
  const villager = knowledgeOf(
    newGame({ players: 5, seed: 3 }).state,
    [],
    { kind: "player", player_id: "p2" },
  );
  villager.myRole = "villager";
  villager.roles.set("p2", "villager");
  const old = secretsIn(
    "not the time to vote (night): the night waits for p3 (wolf_kill), p6 (seer_inspect)",
    villager,
  );
  for (const tie of ["p3 ~ werewolf", "p3 ~ turn", "p6 ~ seer", "p6 ~ turn"]) {
    assert.ok(old.some((s) => s.startsWith(tie)), `${tie} in ${old}`);
  }
  assert.deepEqual(secretsIn("the witch has no heal left", villager), [
    "the witch ~ has: the witch has no heal left",
  ]);
  assert.deepEqual(secretsIn("p4 is a werewolf: choose one of p1", villager), [
    "p4 ~ werewolf: p4 is a werewolf",
  ]);
  assert.deepEqual(secretsIn("p4 is speaking", villager), [
    "p4 ~ turn: p4 is speaking",
  ]);
  for (
    const fine of [
      "p2 is not the seer: only the seer may seer_inspect",
      "p7 is dead: choose one of p1, p3, p4",
      "not the time to vote: this is the witch phase",
    ]
  ) assert.deepEqual(secretsIn(fine, villager), [], fine);
});

Deno.test("vote() at night tells a villager the phase, never whom the night waits for", () => {
  const run = newGame({ players: 9, seed: 3 });
  const villager = run.state.players.find((s) => s.role === "villager")!.id;
  const wolf = run.state.players.find((s) => s.role === "werewolf")!.id;
  const prey = run.state.pending.find((p) => p.player_id === wolf)!.options[0]!;
  send(run, {
    type: "act",
    player_id: wolf,
    action: { kind: "wolf_kill", target: prey },
  });
  assert.deepEqual(
    decide(run.state, {
      type: "vote",
      at: run.at + 1,
      player_id: villager,
      target: null,
    }),
    {
      ok: false,
      violation: {
        code: "PRECONDITION_FAILED",
        message:
          "not the time to vote: this is the night phase; the village votes by day, in the vote phase",
      },
    },
  );
  assert.deepEqual(
    decide(run.state, {
      type: "act",
      at: run.at + 1,
      player_id: wolf,
      action: { kind: "wolf_kill", target: prey },
    }),
    {
      ok: false,
      violation: {
        code: "PRECONDITION_FAILED",
        message:
          "not your turn to wolf_kill: you have already acted in this night phase; the werewolves choose their victim at night, once each",
      },
    },
  );
});

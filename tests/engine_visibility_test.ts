import assert from "node:assert/strict";
import {
  type GameEvent,
  type PlayerId,
  TURN_POLICIES,
  VOTE_POLICIES,
} from "../src/contract/mod.ts";
import {
  defaultRoles,
  evolve,
  type GameState,
  initialState,
  redact,
  roleList,
  type Viewer,
  viewerSeqOf,
  viewOf,
  visibleSeqs,
} from "../src/engine/mod.ts";
import { autoplay, newGame, ofType, type Run } from "./engine_helpers_test.ts";

/** The actions everyone sees (a vote only under the sequential policy). */
const isPublic = (action: string, state: GameState): boolean =>
  ["pass", "hunter_shoot"].includes(action) ||
  (action === "vote" && state.settings.votePolicy === "sequential");

/** Whole games with every role, every turn and vote policy, a talk cap. */
const RUNS: Run[] = Array.from({ length: 32 }, (_, i) => {
  const turnPolicy = TURN_POLICIES[(i + 1) % TURN_POLICIES.length]!;
  const players = 9 + ((i + 1) % 4);
  // every third game with an explicit deal: the default table, rotated
  const table = roleList(defaultRoles(players));
  const deal = [...table.slice(i % players), ...table.slice(0, i % players)];
  const run = newGame({
    players,
    ...(i % 3 === 0 ? { deal } : {}),
    seed: i + 1,
    ...(turnPolicy === "bidding" ? {} : { rounds: 1 + ((i + 1) % 3) }),
    turnPolicy,
    votePolicy: VOTE_POLICIES[Math.floor((i + 1) / 4) % 2]!,
    talkCapPerDay: (i + 1) % 5 === 0 ? 1 : null,
  });
  autoplay(run, i + 1);
  return run;
});

/** Each event with the state just after it. */
function* steps(run: Run): Generator<[GameEvent, GameState]> {
  let state = initialState();
  for (const event of run.log) {
    state = evolve(state, event);
    yield [event, state];
  }
}

/** Asserts what a non-werewolf player may never see before the end. */
function assertNothingSecret(
  event: GameEvent | null,
  me: PlayerId | null,
  state: GameState,
): void {
  if (event === null) return;
  switch (event.type) {
    case "game_created":
      assert.equal(event.seed, undefined);
      assert.equal(event.deal, undefined);
      break;
    case "player_joined":
      assert.equal(event.agent, undefined);
      break;
    case "agent_message":
      assert.equal(event.channel, "public");
      break;
    case "player_action":
      assert.ok(
        event.player_id === me || isPublic(event.action, state),
        `${me} sees ${event.player_id}'s ${event.action}`,
      );
      break;
    case "speech_held":
      assert.equal(event.player_id, me, `${me} sees a held speech`);
      break;
    case "seer_result":
      assert.equal(event.seer_id, me);
      break;
    case "witch_info":
      assert.equal(event.witch_id, me);
      break;
    case "role_assigned":
    case "your_turn":
      assert.equal(event.player_id, me);
      break;
    case "game_state":
      for (const p of event.players) {
        assert.ok(p.role === undefined || !p.alive);
      }
      break;
    case "game_over":
      assert.fail("game_over before the end");
  }
  const view = viewOf(
    state,
    me === null ? { kind: "public" } : { kind: "player", player_id: me },
  );
  for (const p of view.players) {
    const seat = state.players.find((s) => s.id === p.id)!;
    if (p.role !== undefined) {
      assert.ok(p.id === me || !seat.alive, `${me} knows ${p.id}'s role`);
    }
  }
}

Deno.test("redact() and viewOf(): no villager, seer, witch, hunter or guard learns a secret", () => {
  let checked = 0;
  for (const run of RUNS) {
    const innocents = run.state.players.filter((s) => s.role !== "werewolf")
      .map((s) => s.id);
    for (const [event, state] of steps(run)) {
      if (state.winner !== null) break;
      assertNothingSecret(
        redact(state, event, { kind: "public" }),
        null,
        state,
      );
      for (const me of innocents) {
        assertNothingSecret(
          redact(state, event, { kind: "player", player_id: me }),
          me,
          state,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 10_000);
});

Deno.test("redact(): werewolves share their channel and kills, not the seer's or witch's secrets", () => {
  for (const run of RUNS) {
    const wolves = run.state.players.filter((s) => s.role === "werewolf").map((
      s,
    ) => s.id);
    let chat = 0;
    for (const [event, state] of steps(run)) {
      if (state.winner !== null) break;
      for (const me of wolves) {
        const seen = redact(state, event, { kind: "player", player_id: me });
        if (
          event.type === "agent_message" ||
          (event.type === "player_action" && event.action === "wolf_kill")
        ) {
          assert.deepEqual(seen, event);
          if (
            event.type === "agent_message" && event.channel === "werewolves"
          ) chat++;
        }
        if (event.type === "seer_result" || event.type === "witch_info") {
          assert.equal(seen, null);
        }
        if (event.type === "role_assigned") {
          assert.equal(seen === null, event.player_id !== me);
        }
      }
      const view = viewOf(state, { kind: "player", player_id: wolves[0]! });
      if (state.phase === "lobby") continue;
      for (const p of view.players) {
        const seat = state.players.find((s) => s.id === p.id)!;
        assert.equal(
          p.role !== undefined,
          wolves.includes(p.id) || !seat.alive,
        );
      }
    }
    assert.ok(chat > 0);
  }
});

Deno.test("redact(): public events reach everyone and god sees everything", () => {
  const run = RUNS[0]!;
  const viewers: Viewer[] = [{ kind: "public" }, { kind: "god" }, {
    kind: "player",
    player_id: "p1",
  }];
  for (const [event, state] of steps(run)) {
    if (state.winner !== null) break;
    assert.deepEqual(redact(state, event, { kind: "god" }), event);
    if (
      [
        "player_joined",
        "game_started",
        "phase_update",
        "player_died",
        "vote_result",
        "game_state",
      ].includes(event.type)
    ) {
      for (const viewer of viewers) {
        assert.deepEqual(redact(state, event, viewer), event);
      }
    }
  }
});

Deno.test("redact() with revealEnded shows every event of an ended game to everyone, and every role", () => {
  for (const run of RUNS) {
    assert.ok(run.state.winner !== null);
    assert.equal(ofType(run.log, "game_over").length, 1);
    for (
      const viewer of [{ kind: "public" }, {
        kind: "player",
        player_id: "p2",
      }] as Viewer[]
    ) {
      for (const event of run.log) {
        assert.deepEqual(
          redact(run.state, event, viewer, { revealEnded: true }),
          event,
        );
      }
      const view = viewOf(run.state, viewer);
      assert.ok(view.players.every((p) => p.role !== undefined));
      assert.equal(view.status, "ended");
      assert.equal(view.winner, run.state.winner);
      assert.equal(view.waitingFor, null);
      assert.equal(view.deadline, null);
    }
  }
});

Deno.test("viewOf() tells a player its seat, role, teammates and what is awaited", () => {
  const run = newGame({ players: 9, seed: 3 });
  const wolf = run.state.players.find((s) => s.role === "werewolf")!;
  const view = viewOf(run.state, { kind: "player", player_id: wolf.id });
  assert.deepEqual(view.you, {
    player_id: wolf.id,
    role: "werewolf",
    teammates: wolf.teammates,
    alive: true,
  });
  assert.equal(view.waitingFor?.request, "wolf_kill");
  assert.equal(view.deadline, view.waitingFor?.deadline);
  assert.deepEqual([view.status, view.phase, view.day], [
    "running",
    "night",
    1,
  ]);
  assert.equal(viewOf(run.state, { kind: "public" }).you, null);
  assert.ok(
    viewOf(run.state, { kind: "god" }).players.every((p) =>
      p.role !== undefined
    ),
  );
  assert.ok(
    viewOf(run.state, { kind: "public" }).players.every((p) =>
      p.role === undefined
    ),
  );
});

Deno.test("redact() without revealEnded decides the same for every viewer during the game and after game_over: a viewer's numbering never changes", () => {
  for (const run of RUNS) {
    const viewers: Viewer[] = [
      { kind: "public" },
      ...run.state.players.map((seat) => ({
        kind: "player" as const,
        player_id: seat.id,
      })),
    ];
    let hidden = 0;
    for (const [event, state] of steps(run)) {
      for (const viewer of viewers) {
        const then = redact(state, event, viewer);
        assert.deepEqual(
          redact(run.state, event, viewer),
          then,
          `${JSON.stringify(viewer)} sees ${event.seq} (${event.type}) alike`,
        );
        if (then === null) hidden++;
      }
    }
    assert.ok(hidden > 0, "some events are hidden from someone");
  }
});

Deno.test("visibleSeqs() numbers a viewer's events 1..n with the global seqs it sees, and viewerSeqOf() inverts it", () => {
  for (const run of RUNS.slice(0, 6)) {
    const god = visibleSeqs(run.log, run.state, { kind: "god" });
    assert.deepEqual(god, run.log.map((event) => event.seq));
    for (const seat of run.state.players) {
      const viewer: Viewer = { kind: "player", player_id: seat.id };
      const seqs = visibleSeqs(run.log, run.state, viewer);
      const expected = run.log
        .filter((event) => redact(run.state, event, viewer) !== null)
        .map((event) => event.seq);
      assert.deepEqual(seqs, expected);
      assert.ok(seqs.length < run.log.length, "a player does not see it all");
      for (const event of run.log) {
        const mine = viewerSeqOf(seqs, event.seq);
        assert.equal(mine, seqs.filter((seq) => seq <= event.seq).length);
        if (seqs.includes(event.seq)) assert.equal(seqs[mine - 1], event.seq);
      }
      assert.equal(viewerSeqOf(seqs, 0), 0);
    }
  }
});

/**
 * `redact()` and `viewOf()` keep secrets: no villager, seer, witch, hunter or
 * guard learns one, werewolves share only their channel and kills, public
 * events reach everyone, god sees all, and revealEnded shows all at the end.
 * @module
 */
import assert from "node:assert/strict";
import { redact, type Viewer, viewOf } from "../src/engine/mod.ts";
import { ofType } from "./engine_helpers_test.ts";
import { assertNothingSecret, RUNS, steps } from "./_engine_visibility.ts";

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

/**
 * What a viewer is told and how its events are numbered: `viewOf()`'s seat,
 * role and awaited turns, the same decisions during the game and after
 * game_over, and `visibleSeqs()` / `viewerSeqOf()`.
 * @module
 */
import assert from "node:assert/strict";
import {
  redact,
  type Viewer,
  viewerSeqOf,
  viewOf,
  visibleSeqs,
} from "../src/engine/mod.ts";
import { newGame } from "./engine_helpers_test.ts";
import { RUNS, steps } from "./_engine_visibility.ts";

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

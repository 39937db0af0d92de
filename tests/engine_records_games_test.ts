/**
 * Records over whole games: `usageTotals()` per player, and redaction of
 * reasoning and usage in games played to the end, with and without
 * `revealEnded`.
 * @module
 */
import assert from "node:assert/strict";
import { type GameEvent } from "../src/contract/mod.ts";
import { redact, usageTotals, type Viewer } from "../src/engine/mod.ts";
import {
  assertReplays,
  newGame,
  type Run,
  seeded,
  send,
} from "./engine_helpers_test.ts";
import { discussion, speaker, USAGE } from "./_engine_records.ts";

Deno.test("usageTotals: sums each player's usage records, actions counted", () => {
  const run = discussion();
  const first = speaker(run);
  send(run, { type: "say", player_id: first, text: "a", usage: USAGE });
  const second = speaker(run);
  send(run, {
    type: "forfeit",
    player_id: second,
    via: "say",
    failed: "model_error",
    usage: {
      model: "other",
      promptTokens: 5,
      completionTokens: 0,
      latencyMs: 9,
    },
  });
  const voter = (() => {
    while (run.state.phase === "discussion") {
      send(run, { type: "say", player_id: speaker(run), text: "" });
    }
    return run.state.pending.find((p) => p.player_id === first)!;
  })();
  send(run, {
    type: "vote",
    player_id: first,
    target: voter.options[0]!,
    usage: { ...USAGE, model: "stub-2" },
  });
  const totals = usageTotals(run.log);
  assert.deepEqual(Object.keys(totals), [first, second]);
  assert.deepEqual(totals[first], {
    actions: 2,
    promptTokens: 240,
    completionTokens: 60,
    latencyMs: 900,
    costUsd: 0.004,
    models: ["stub-1", "stub-2"],
  });
  assert.deepEqual(totals[second], {
    actions: 1,
    promptTokens: 5,
    completionTokens: 0,
    latencyMs: 9,
    costUsd: 0,
    models: ["other"],
  });
});

/** Plays to the end with reasoning and usage on every move, some forfeits. */
function recordedGame(seed: number): Run {
  const run = newGame({ players: 9 + (seed % 3), seed, rounds: 1 });
  const rand = seeded(seed);
  for (let guard = 0; run.state.phase !== "ended"; guard++) {
    assert.ok(guard < 5000, "the game does not end");
    const p = run.state.pending[rand(run.state.pending.length)]!;
    const id = p.player_id;
    const records = { reasoning: `why ${id} ${guard}`, usage: USAGE };
    const via = p.request === "speak"
      ? "say"
      : p.request === "vote"
      ? "vote"
      : "act";
    if (rand(5) === 0) {
      send(run, { type: "forfeit", player_id: id, via, failed: "model_error" });
    } else if (p.request === "speak") {
      send(run, {
        type: "say",
        player_id: id,
        text: `${id} speaks`,
        ...records,
      });
    } else if (p.request === "vote") {
      send(run, { type: "vote", player_id: id, target: null, ...records });
    } else if (p.request === "witch") {
      send(run, {
        type: "act",
        player_id: id,
        action: { kind: "witch_pass" },
        ...records,
      });
    } else if (p.request === "bid") {
      send(run, { type: "bid", player_id: id, amount: 1, ...records });
    } else {
      if (p.request === "wolf_kill") {
        send(run, { type: "say", player_id: id, text: "hungry", ...records });
      }
      send(run, {
        type: "act",
        player_id: id,
        action: { kind: p.request, target: p.options[0]! },
        ...records,
      });
    }
  }
  return run;
}

Deno.test("redact: in whole games, only the author and the god view see records while running; which events each viewer sees is unchanged; revealEnded shows all", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const run = recordedGame(seed);
    const viewers: Viewer[] = [
      { kind: "public" },
      { kind: "god" },
      ...run.state.players.map((s) => ({
        kind: "player" as const,
        player_id: s.id,
      })),
    ];
    let recorded = 0;
    for (const event of run.log) {
      if (!("reasoning" in event)) continue;
      recorded++;
      const author = event.type === "agent_message"
        ? event.agent_id
        : event.type === "player_action"
        ? event.player_id
        : null;
      const { reasoning: _r, usage: _u, ...bare } = event;
      for (const viewer of viewers) {
        const seen = redact(run.state, event, viewer);
        const mine = viewer.kind === "god" ||
          (viewer.kind === "player" && viewer.player_id === author);
        assert.equal(
          seen === null,
          redact(run.state, bare as GameEvent, viewer) === null,
          "records change which events a viewer sees",
        );
        if (seen === null) continue;
        assert.equal("reasoning" in seen, mine, JSON.stringify([viewer, seen]));
        assert.equal("usage" in seen, mine);
        assert.equal(
          redact(run.state, event, viewer, { revealEnded: true }),
          event,
        );
      }
    }
    assert.ok(recorded > 10, `seed ${seed}: few records (${recorded})`);
    assertReplays(run);
  }
});

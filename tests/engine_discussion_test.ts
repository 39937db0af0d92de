import assert from "node:assert/strict";
import type { PlayerId } from "../src/contract/mod.ts";
import {
  byRole,
  newGame,
  night,
  ofType,
  one,
  refused,
  type Run,
  send,
  voteAll,
} from "./engine_helpers_test.ts";

const living = (run: Run): PlayerId[] =>
  run.state.players.filter((s) => s.alive).map((s) => s.id);

/** Speaking turns given since `from` in the log. */
const speakers = (run: Run, from: number): PlayerId[] =>
  ofType(run.log.slice(from), "your_turn").filter((e) => e.request === "speak")
    .map((e) => e.player_id);

/** Everyone passes until the discussion is over. */
function passAll(run: Run): void {
  while (run.state.phase === "discussion") {
    send(run, {
      type: "say",
      player_id: run.state.pending[0]!.player_id,
      text: "",
    });
  }
}

Deno.test("the first speaker rotates each day over the seat-ordered living players", () => {
  const run = newGame({
    players: 7,
    seed: 4,
    rounds: 1,
    roles: { werewolf: 1, guard: 1, villager: 5 },
  });
  const wolf = one(run, "werewolf");
  const targets = living(run).filter((id) => id !== wolf);
  for (let day = 1; day <= 9; day++) {
    night(run, { kill: targets[day % 2]!, protect: targets[day % 2]! });
    assert.equal(run.state.phase, "discussion");
    const from = run.log.length - 1;
    passAll(run);
    const alive = living(run);
    const first = (day - 1) % alive.length;
    assert.deepEqual(speakers(run, from), [
      ...alive.slice(first),
      ...alive.slice(0, first),
    ], `day ${day}`);
    voteAll(run, () => null);
  }
});

Deno.test("the first speaker index counts only the living", () => {
  const run = newGame({
    players: 8,
    seed: 2,
    rounds: 1,
    roles: { werewolf: 2, villager: 6 },
  });
  const victim = byRole(run, "villager")[0]!;
  night(run, { kill: victim });
  passAll(run);
  voteAll(run, () => null);
  night(run, { kill: byRole(run, "villager")[0]! });
  const alive = living(run);
  assert.equal(alive.length, 6);
  assert.equal(run.state.pending[0]!.player_id, alive[1 % 6]);
});

Deno.test("each round gives every living player one speaking turn, in order", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    rounds: 2,
    roles: { werewolf: 1, villager: 5 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const from = run.log.length - 1;
  const alive = living(run);
  const said: string[] = [];
  while (run.state.phase === "discussion") {
    const speaker = run.state.pending[0]!.player_id;
    const other = alive.find((id) => id !== speaker)!;
    assert.deepEqual(
      refused(run, { type: "say", player_id: other, text: "me!" }),
      {
        code: "PRECONDITION_FAILED",
        message:
          "not your turn to speak: another player has the speaking turn; speak on your own speaking turn in the discussion",
      },
    );
    const [event] = send(run, {
      type: "say",
      player_id: speaker,
      text: `I am ${speaker}`,
    });
    assert.equal(event!.type, "agent_message");
    said.push(speaker);
  }
  assert.deepEqual(said, [...alive, ...alive]);
  assert.deepEqual(speakers(run, from), said);
  const messages = ofType(run.log, "agent_message");
  assert.ok(
    messages.every((m) => m.channel === "public" && m.phase === "discussion"),
  );
  assert.equal(run.state.phase, "vote");
});

Deno.test("an empty say passes the speaking turn with a pass action", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    rounds: 1,
    roles: { werewolf: 1, villager: 5 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const speaker = run.state.pending[0]!.player_id;
  const [pass, turn] = send(run, { type: "say", player_id: speaker, text: "" });
  assert.deepEqual({ ...pass, seq: 0, at: 0 }, {
    type: "player_action",
    seq: 0,
    at: 0,
    player_id: speaker,
    action: "pass",
    target: null,
    timed_out: false,
  });
  assert.equal(turn!.type, "your_turn");
});

Deno.test("timeout: a silent speaker passes and the next speaker gets a fresh deadline", () => {
  const run = newGame({
    players: 6,
    seed: 9,
    rounds: 1,
    roles: { werewolf: 1, villager: 5 },
  });
  night(run, { kill: byRole(run, "villager")[0]! });
  const first = run.state.pending[0]!;
  const events = send(run, { type: "timeout", at: first.deadline + 5 });
  assert.deepEqual(events.map((e) => e.type), ["player_action", "your_turn"]);
  const pass = ofType(events, "player_action")[0]!;
  assert.deepEqual([pass.player_id, pass.action, pass.timed_out], [
    first.player_id,
    "pass",
    true,
  ]);
  assert.equal(
    ofType(events, "your_turn")[0]!.deadline,
    first.deadline + 5 + 1000,
  );
});

/**
 * `readGame()`: each seat's role, outcome, votes, inspections, saves, speech,
 * defaults and usage from a log, and the logs it refuses.
 * @module
 */
import assert from "node:assert/strict";
import { readGame } from "../tournament/mod.ts";
import { GameLog } from "./_game_log.ts";
import { game1 } from "./_tournament_games.ts";

Deno.test("readGame reads each seat's role, outcome, votes, inspections, saves, speech, defaults and usage from a hand-written log", () => {
  const g1 = readGame(game1());
  assert.equal(g1.id, "g-game1");
  assert.equal(g1.seed, 101);
  assert.equal(g1.winner, "werewolves");
  assert.equal(g1.days, 2);
  assert.equal(g1.selfPlay, false);
  assert.deepEqual(g1.causes, {
    deadline: 1,
    model_error: 0,
    invalid_output: 0,
  });
  const seat = (id: string) => g1.seats.find((s) => s.player_id === id)!;
  assert.deepEqual(
    g1.seats.map((s) => [s.player_id, s.agent, s.side, s.won, s.alive]),
    [
      ["p1", "alpha", "werewolves", true, true],
      ["p2", "alpha", "werewolves", true, true],
      ["p3", "beta", "village", false, false],
      ["p4", "beta", "village", false, true],
      ["p5", "beta", "village", false, false],
      ["p6", "beta", "village", false, true],
      ["p7", "beta", "village", false, true],
    ],
  );
  assert.deepEqual([seat("p4").votes, seat("p4").votesOnWerewolves], [2, 2]);
  assert.deepEqual([seat("p5").votes, seat("p5").votesOnWerewolves], [2, 1]);
  assert.deepEqual([seat("p6").votes, seat("p6").defaults.deadline], [0, 1]);
  assert.deepEqual([seat("p3").inspections, seat("p3").werewolvesFound], [
    1,
    1,
  ]);
  assert.equal(seat("p5").guardSaves, 1); // night 1 only: night 2 guarded p6, not p4
  assert.equal(seat("p4").witchSaves, 1);
  assert.deepEqual([seat("p1").messages, seat("p1").chars, seat("p3").chars], [
    1,
    15,
    16,
  ]);
  assert.deepEqual(seat("p1").latencies, [300]);
  assert.deepEqual([
    seat("p1").promptTokens,
    seat("p1").completionTokens,
    seat("p1").costUsd,
    seat("p1").costSamples,
  ], [100, 20, 0.002, 1]);
  assert.equal(seat("p1").actions, 5); // 2 kills, 1 speech, 2 votes
});

Deno.test("readGame credits the guard without a witch when nobody died of the werewolves, and refuses logs it cannot score", () => {
  const roles = {
    p1: "werewolf",
    p2: "guard",
    p3: "seer",
    p4: "villager",
    p5: "villager",
  } as const;
  const events = new GameLog("g-noguard", roles)
    .phase("night", 1).act("p1", "wolf_kill", "p4").act(
      "p2",
      "guard_protect",
      "p4",
    )
    .phase("dawn", 1).phase("discussion", 1)
    .phase("night", 2).act("p1", "wolf_kill", "p3").act(
      "p2",
      "guard_protect",
      "p5",
    )
    .phase("dawn", 2).died("p3", "werewolves")
    .end("werewolves");
  const seats = { p1: "a", p2: "b", p3: "b", p4: "b", p5: "b" };
  const guard = readGame({ events, seats }).seats.find((s) =>
    s.role === "guard"
  )!;
  assert.equal(guard.guardSaves, 1);
  assert.throws(
    () => readGame({ events: events.slice(0, -1), seats }),
    /without game_over/,
  );
  assert.throws(
    () => readGame({ events, seats: { ...seats, p5: undefined } as never }),
    /p5 has no agent/,
  );
  assert.throws(
    () => readGame({ events, seats: { ...seats, p9: "c" } }),
    /no seat p9/,
  );
});

/**
 * A waiting game's views and a create's deal: `summaryOf()` and `viewOf()`,
 * the seed and the deal hidden from all but god until the end, and a deal's
 * seats, counts and start.
 * @module
 */
import assert from "node:assert/strict";
import {
  decide,
  initialState,
  redact,
  summaryOf,
  viewOf,
} from "../src/engine/mod.ts";
import type { Role, RoleCounts } from "../src/contract/mod.ts";
import { newGame, ofType, send, T0 } from "./engine_helpers_test.ts";

Deno.test("summaryOf() and viewOf() describe a waiting game", () => {
  const run = newGame({ players: 6, join: 2 });
  assert.deepEqual(summaryOf(run.state), {
    gameId: "g-test",
    name: "Test",
    status: "waiting",
    players: 6,
    joined: 2,
    day: 0,
    phase: "lobby",
    winner: null,
  });
  const view = viewOf(run.state, { kind: "player", player_id: "p2" });
  assert.equal(view.status, "waiting");
  assert.deepEqual(view.you, {
    player_id: "p2",
    role: null,
    teammates: [],
    alive: true,
  });
  assert.equal(view.waitingFor, null);
  assert.equal(view.deadline, null);
});

Deno.test("redact() hides the seed from everyone but god until the game ends", () => {
  const run = newGame({ players: 5, join: 0 });
  const created = run.log[0]!;
  assert.equal(
    "seed" in redact(run.state, created, { kind: "public" })!,
    false,
  );
  assert.equal(
    "seed" in redact(run.state, created, { kind: "player", player_id: "p1" })!,
    false,
  );
  assert.deepEqual(redact(run.state, created, { kind: "god" }), created);
});

Deno.test("create's deal gives seat n the deal's nth role, whatever the order of the joins", () => {
  const deal: Role[] = ["villager", "werewolf", "seer", "villager", "witch"];
  const run = newGame({ players: 5, join: 0, deal });
  for (const seat of [4, 2, 5, 1, 3]) {
    send(run, { type: "join", name: `Player ${seat}`, seat });
  }
  assert.equal(run.state.phase, "night");
  assert.deepEqual(run.state.players.map((seat) => seat.role), deal);
  assert.deepEqual(
    ofType(run.log, "role_assigned").map((e) => [e.player_id, e.role]),
    deal.map((role, i) => [`p${i + 1}`, role]),
  );
});

Deno.test("create's deal must hold the role counts, one role per seat: refused with what is allowed", () => {
  const refusedDeal = (deal: Role[], roles?: RoleCounts) => {
    const decision = decide(initialState(), {
      type: "create",
      at: T0,
      gameId: "g-deal",
      name: "Deal",
      seed: 1,
      players: 5,
      ...(roles === undefined ? {} : { roles }),
      deal,
      actionTimeoutMs: 1000,
      autoStart: true,
    });
    assert.equal(decision.ok, false);
    return decision.ok ? "" : decision.violation.message;
  };
  assert.equal(
    refusedDeal(["werewolf", "seer", "witch", "villager"]),
    "the deal gives 4 roles for 5 seats: give one role per seat, seat 1 first",
  );
  assert.equal(
    refusedDeal(["werewolf", "werewolf", "seer", "witch", "villager"]),
    "the deal holds 2 werewolf, 1 villager, 1 seer, 1 witch but the game's roles are 1 werewolf, 2 villager, 1 seer, 1 witch: a deal must hold exactly the role counts (the default table for 5 players)",
  );
  assert.equal(
    refusedDeal(["werewolf", "seer", "witch", "villager", "villager"], {
      werewolf: 1,
      seer: 1,
      hunter: 1,
      villager: 2,
    }),
    "the deal holds 1 werewolf, 2 villager, 1 seer, 1 witch but the game's roles are 1 werewolf, 2 villager, 1 seer, 1 hunter: a deal must hold exactly the role counts",
  );
});

Deno.test("a game with a deal starts only with every seat taken (the deal fixes the counts)", () => {
  const deal: Role[] = ["villager", "werewolf", "seer", "villager", "witch"];
  const deal6: Role[] = [...deal, "villager"];
  const run = newGame({
    players: 6,
    join: 5,
    deal: deal6,
    roles: { werewolf: 1, seer: 1, witch: 1, villager: 3 },
    autoStart: false,
  });
  const decision = decide(run.state, { type: "start", at: run.at + 1 });
  assert.equal(decision.ok, false);
  assert.match(
    decision.ok ? "" : decision.violation.message,
    /the roles are for 6 players but 5 joined/,
  );
});

Deno.test("redact() hides the deal from everyone but god until the game ends, like the seed", () => {
  const deal: Role[] = ["villager", "werewolf", "seer", "villager", "witch"];
  const run = newGame({ players: 5, join: 0, deal });
  const created = run.log[0]!;
  assert.deepEqual(created.type === "game_created" && created.deal, deal);
  for (
    const viewer of [
      { kind: "public" },
      { kind: "player", player_id: "p2" },
    ] as const
  ) {
    assert.equal("deal" in redact(run.state, created, viewer)!, false);
  }
  assert.deepEqual(redact(run.state, created, { kind: "god" }), created);
});

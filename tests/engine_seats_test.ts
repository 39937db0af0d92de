/**
 * `join` with a seat and an agent label: the seat asked for or the lowest
 * free one, CONFLICT for a taken seat naming the free ones, the label kept
 * in `player_joined`, and a deal that depends on the seats, not on the
 * order of the joins (what makes a tournament's reruns play the same games).
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import { newGame, ofType, refused, send } from "./engine_helpers_test.ts";
import { redact } from "../src/engine/mod.ts";

function roles(log: readonly GameEvent[]): Record<string, string> {
  return Object.fromEntries(
    ofType(log, "role_assigned").map((event) => [event.player_id, event.role]),
  );
}

Deno.test("decide(join) takes the seat asked for, else the lowest free one, and keeps the agent label", () => {
  const run = newGame({ players: 5, join: 0 });
  const [third] = send(run, {
    type: "join",
    name: "Cy",
    seat: 3,
    agent: "smart-v2",
  });
  assert.deepEqual(
    [third?.type, (third as { player_id: string }).player_id],
    ["player_joined", "p3"],
  );
  assert.equal((third as { agent?: string }).agent, "smart-v2");
  const [first] = send(run, { type: "join", name: "Ana" });
  assert.equal((first as { player_id: string }).player_id, "p1");
  assert.equal("agent" in (first as object), false, "no label, no field");
  assert.deepEqual(run.state.players.map((seat) => seat.id), ["p1", "p3"]);
});

Deno.test("decide(join) refuses a taken seat (CONFLICT, naming the free seats), a seat out of range and a bad label (BAD_REQUEST)", () => {
  const run = newGame({ players: 5, join: 0 });
  send(run, { type: "join", name: "Ana", seat: 2 });
  assert.deepEqual(refused(run, { type: "join", name: "Bo", seat: 2 }), {
    code: "CONFLICT",
    message: "seat 2 is taken: the free seats are 1, 3, 4, 5",
  });
  for (const seat of [0, 6, 1.5]) {
    assert.deepEqual(refused(run, { type: "join", name: "Bo", seat }), {
      code: "BAD_REQUEST",
      message: "seat must be a whole number from 1 to 5",
    });
  }
  for (const agent of ["", "-x", "a b", "x".repeat(65), "é"]) {
    assert.equal(
      refused(run, { type: "join", name: "Bo", agent }).code,
      "BAD_REQUEST",
      agent,
    );
  }
});

Deno.test("the deal depends on the seats, not on the order of the joins (same seed: same role per seat)", () => {
  const inOrder = newGame({ players: 8, seed: 42 });
  const reversed = newGame({ players: 8, seed: 42, join: 0 });
  for (let seat = 8; seat >= 1; seat--) {
    send(reversed, { type: "join", name: `Player ${seat}`, seat });
  }
  assert.deepEqual(roles(reversed.log), roles(inOrder.log));
  assert.deepEqual(
    reversed.state.players.map((seat) => seat.name),
    inOrder.state.players.map((seat) => seat.name),
  );
});

Deno.test("redact() hides a seat's agent label from everyone but god until the end (one agent holds every werewolf seat in a tournament)", () => {
  const run = newGame({ players: 5, join: 0 });
  send(run, { type: "join", name: "Ana", agent: "house" });
  const joined = run.log.at(-1)!;
  assert.equal(joined.type, "player_joined");
  for (
    const viewer of [
      { kind: "public" },
      { kind: "player", player_id: "p1" },
    ] as const
  ) {
    assert.equal("agent" in redact(run.state, joined, viewer)!, false);
  }
  assert.deepEqual(redact(run.state, joined, { kind: "god" }), joined);
});

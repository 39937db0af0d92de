import assert from "node:assert/strict";
import { runGames } from "../bench/games.ts";
import { startTestServer } from "./_helpers.ts";

Deno.test("bench runGames: the wire-level bots and the @trpc/client bots play the same games to the same end for the same seeds, none timed out or refused", async () => {
  const adminToken = "bench-games-wire";
  await using server = await startTestServer({
    adminToken,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  const outcomes: Record<string, string[]> = {};
  for (const client of ["wire", "trpc"] as const) {
    const result = await runGames({
      url: server.wsUrl,
      adminToken,
      games: 4,
      concurrency: 4,
      seed: 7,
      client,
      keepOutcomes: true,
      maxSeconds: 60,
    });
    assert.equal(result.games, 4, client);
    assert.equal(result.timed_out_actions, 0, `${client}: timed-out actions`);
    assert.equal(result.mutation_errors, 0, `${client}: refused mutations`);
    assert.equal(result.joins, 4 * 8, `${client}: every seat joined`);
    assert.ok(result.mutations > 4 * 8, `${client}: ${result.mutations}`);
    outcomes[client] = result.outcomes!;
  }
  const { wire, trpc } = outcomes as Record<"wire" | "trpc", string[]>;
  assert.equal(wire.length, 4);
  for (const [index, outcome] of wire.entries()) {
    assert.match(outcome, /^(village|werewolves) p1=/);
    assert.match(outcome, /\d+\.game_over/, `game ${index} ended`);
    assert.equal(outcome, trpc[index], `game ${index}: the same game`);
  }
  const ended = await server.server.games.list({ status: "ended" });
  assert.equal(ended.length, 8);
});

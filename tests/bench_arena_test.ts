/**
 * The benchmark's game scenarios keep working: the arena's compact and full
 * prompts play the same game, and the tournament scenario's runner and direct
 * side each play every game of the schedule.
 * @module
 */
import assert from "node:assert/strict";
import { checkSameGames } from "../bench/_arena_run.ts";
import { ARENA_FIGURES } from "../bench/_pair_figures.ts";
import { runArena } from "../bench/arena.ts";
import { runTournamentBench } from "../bench/tournament.ts";
import { pairTable } from "../bench/_report.ts";
import { startTestServer } from "./_helpers.ts";

Deno.test("bench arena scenario: compact and full prompts play the same game (same facts digest), every turn the script's answer, and pairTable() says whether ours / full meets its target", async () => {
  await using server = await startTestServer({ adminToken: "bench-admin" });
  const run = (record: "compact" | "full") =>
    runArena({
      url: server.wsUrl,
      adminToken: "bench-admin",
      games: 1,
      record,
      seed: 1, // a 4-day game (seed 3's ends on night 1: nothing to digest)
      maxSeconds: 120,
    });
  const compact = await run("compact");
  const full = await run("full");
  assert.equal(compact.record, "compact");
  assert.equal(full.record, "full");
  for (const result of [compact, full]) {
    assert.equal(result.scenario, "arena");
    assert.equal(result.games, 1);
    assert.equal(result.defaulted_turns, 0);
    assert.ok(result.requests_per_game > 0);
    assert.equal(result.days_per_game, 4);
    assert.ok(result.speeches_per_game > 0);
    assert.ok(result.max_prompt_tokens >= result.tokens_per_prompt);
    assert.match(result.facts, /^[0-9a-f]{16}$/);
  }
  assert.equal(compact.facts, full.facts, "the two runs played one game");
  assert.equal(compact.requests_per_game, full.requests_per_game);
  assert.ok(compact.prompt_tokens_per_game < full.prompt_tokens_per_game);
  const results = { arena: { ours: [compact], full: [full] } };
  checkSameGames(results);
  assert.throws(
    () =>
      checkSameGames({
        arena: { ours: [compact], full: [{ ...full, facts: "0".repeat(16) }] },
      }),
    /played different games/,
  );
  const text = pairTable(results, ARENA_FIGURES, { other: "full" });
  assert.match(
    text,
    /\| ours \(compact\) \| full log \| ours \/ full \| target \| \|/,
  );
  assert.match(
    text,
    /^\| arena \| prompt tokens per game \| [\d,]+ \| [\d,]+ \| 0\.\d\d× \| ≤ 0\.5× \| (met|\*\*missed\*\*) \|$/m,
  );
});

Deno.test("bench tournament scenario: the runner and the direct side each play every game of the same schedule", async () => {
  const adminToken = "bench-tourney";
  await using server = await startTestServer({
    adminToken,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  for (const mode of ["runner", "direct"] as const) {
    const result = await runTournamentBench({
      url: server.wsUrl,
      adminToken,
      mode,
      games: 4,
      concurrency: 2,
    });
    assert.deepEqual([result.mode, result.games, result.concurrency], [
      mode,
      4,
      2,
    ]);
    assert.equal(result.server_cpu_ms_per_game, null);
  }
  const ended = await server.server.games.list({ status: "ended" });
  assert.equal(ended.length, 8);
});

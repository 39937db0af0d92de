/**
 * A tournament of LLM agents (the real `openai` client against the stub
 * model server) where one model's server fails for the whole first game:
 * its agent declares `model_error`, that game is voided (the default void
 * cause) and left out of records and ratings but not of health, as the
 * README's "Which games count" says.
 * @module
 */
import assert from "node:assert/strict";
import { startModelStub } from "../agents/testing/model_stub.ts";
import { parseConfig, runTournament } from "../tournament/mod.ts";
import { connectClient, startTestServer } from "./_helpers.ts";

const ADMIN = "llm-tourney-admin";
const GAMES = 4;

Deno.test("runTournament with LLM agents: the games where a model server failed (model_error) are voided, listed, and counted only in health", async () => {
  await using server = await startTestServer({
    adminToken: ADMIN,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  let failing = true;
  await using stub = startModelStub({
    reply: (request) =>
      failing && request.model === "m-flaky" ? { status: 500 } : undefined,
  });
  const parsed = parseConfig({
    name: "llm",
    agents: [
      { name: "steady", kind: "llm", model: "m-steady", baseUrl: stub.baseUrl },
      {
        name: "flaky",
        kind: "llm",
        model: "m-flaky",
        baseUrl: stub.baseUrl,
        outputMode: "tools",
      },
    ],
    games: GAMES,
    players: 5,
    actionTimeoutMs: 1500,
    seed: 5,
    schedule: "rotation",
    concurrency: { games: 1, perModel: 1 },
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const { results, gameIds } = await runTournament(parsed.config, {
    url: server.wsUrl,
    adminToken: ADMIN,
    onProgress: (event) => {
      if (event.type === "ended") failing = false; // the first game only
    },
  });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  // counted again from the transcripts: a game with a model_error default
  const hadModelError: boolean[] = [];
  for (const gameId of gameIds) {
    const { events } = await admin.trpc.game.transcript.query({ gameId });
    hadModelError.push(
      events.some((e) =>
        e.type === "player_action" && e.default?.cause === "model_error"
      ),
    );
  }
  assert.equal(hadModelError[0], true, "the first game met the failures");
  const voided = gameIds.filter((_, i) => hadModelError[i]);
  assert.ok(voided.length < GAMES, "some games were not voided");
  assert.deepEqual(results.voided, voided);
  assert.equal(results.counts.voided, voided.length);
  assert.equal(results.counts.rated, GAMES - voided.length);
  assert.deepEqual(
    results.games.map((g) => g.voided),
    hadModelError,
  );
  for (const agent of results.agents) {
    // both agents sit in every game: records over the rated ones only
    assert.equal(agent.record.overall.games, GAMES - voided.length);
    assert.equal(agent.health.games, GAMES);
    assert.ok(agent.health.latencyMs.samples > 0, `${agent.agent} usage`);
  }
  const by = (name: string) => results.agents.find((a) => a.agent === name)!;
  assert.ok(by("flaky").health.defaults.model_error > 0);
  assert.equal(by("steady").health.defaults.model_error, 0);
  assert.ok(stub.requests.some((r) => r.model === "m-steady"));
});

/**
 * The acceptance tournament: the `house` bot against the `random` bot, 8
 * players, 200 fast games on an in-process server through real sockets.
 * `house`'s win-rate interval lies above `random`'s, every agent's role
 * counts differ by at most one, and the metrics counted again from the
 * transcripts (tests/_tournament_recount.ts, not the scoring's code) are
 * those of results.json.
 * @module
 */
import assert from "node:assert/strict";
import { rate, rating } from "openskill";
import { plackettLuce } from "openskill/models";
import { ROLES } from "../src/contract/mod.ts";
import { parseConfig, runTournament, type WinStat } from "../tournament/mod.ts";
import { connectClient, startTestServer } from "./_helpers.ts";
import {
  countGame,
  eloOf,
  type GameCount,
  recordOf,
  wilsonOf,
} from "./_tournament_recount.ts";

const ADMIN = "tourney-admin";
const GAMES = 200;

/** Floats computed in another order: equal to 1e-9. */
function near(actual: number | null, expected: number | null, what: string) {
  if (actual === null || expected === null) {
    assert.equal(actual, expected, what);
    return;
  }
  assert.ok(
    Math.abs(actual - expected) < 1e-9,
    `${what}: ${actual} vs ${expected}`,
  );
}

/** A win stat equal to `expected`: counts exactly, the rate and bounds to 1e-9. */
function sameStat(
  actual: WinStat | undefined,
  expected: ReturnType<typeof wilsonOf>,
  what: string,
) {
  const got = actual ?? wilsonOf(0, 0);
  assert.deepEqual(
    [got.games, got.wins],
    [expected.games, expected.wins],
    what,
  );
  near(got.rate, expected.rate, `${what} rate`);
  near(got.low, expected.low, `${what} low`);
  near(got.high, expected.high, `${what} high`);
}

Deno.test("runTournament: house beats random over 200 games of 8 (intervals apart), role counts balanced within one, and results.json matches the transcripts", async () => {
  await using server = await startTestServer({
    adminToken: ADMIN,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  const parsed = parseConfig({
    name: "acceptance",
    agents: [
      { name: "house", kind: "bot", strategy: "house" },
      { name: "random", kind: "bot", strategy: "random" },
    ],
    games: GAMES,
    players: 8,
    actionTimeoutMs: 5000,
    seed: 2026,
    schedule: "rotation",
    concurrency: { games: 16 },
  });
  assert.ok(parsed.ok);
  const { results, gameIds } = await runTournament(parsed.config, {
    url: server.wsUrl,
    adminToken: ADMIN,
  });
  assert.equal(results.counts.games, GAMES);
  assert.equal(results.counts.rated, GAMES);
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const games: GameCount[] = [];
  for (const gameId of gameIds) {
    const transcript = await admin.trpc.game.transcript.query({ gameId });
    games.push(countGame(transcript.events));
  }

  // house's interval above random's
  const agent = (name: string) => results.agents.find((a) => a.agent === name)!;
  const [house, random] = [agent("house"), agent("random")];
  assert.ok(
    house.record.overall.low! > random.record.overall.high!,
    `house ${JSON.stringify(house.record.overall)} random ${
      JSON.stringify(random.record.overall)
    }`,
  );

  // the games as the transcripts have them, in schedule order
  assert.deepEqual(results.games.map((g) => g.id), games.map((g) => g.id));
  for (const [i, game] of games.entries()) {
    const scored = results.games[i]!;
    assert.equal(scored.winner, game.winner, game.id);
    assert.equal(scored.days, game.days, game.id);
    assert.deepEqual(
      scored.seats.map((
        s,
      ) => [
        s.player_id,
        s.agent,
        s.role,
        s.side,
        s.alive,
        s.votes,
        s.votesOnWerewolves,
        s.messages,
        s.chars,
        s.defaults.deadline,
      ]),
      game.seats.map((
        s,
      ) => [
        s.player_id,
        s.agent,
        s.role,
        s.side,
        s.alive,
        s.votes,
        s.votesOnWerewolves,
        s.messages,
        s.chars,
        s.deadlineDefaults,
      ]),
      game.id,
    );
  }

  // per agent: the games of each role and of each seat differ by at most one
  for (const role of ROLES) {
    const held = ["house", "random"].map((name) =>
      games.filter((g) =>
        g.seats.some((s) => s.agent === name && s.role === role)
      ).length
    );
    assert.ok(Math.abs(held[0]! - held[1]!) <= 1, `${role}: ${held}`);
  }
  for (let seat = 1; seat <= 8; seat++) {
    const sat = ["house", "random"].map((name) =>
      games.filter((g) => g.seats[seat - 1]!.agent === name).length
    );
    assert.ok(Math.abs(sat[0]! - sat[1]!) <= 1, `seat ${seat}: ${sat}`);
  }

  // every metric, counted again
  const elo = eloOf(games);
  const skills = new Map<string, ReturnType<typeof rating>>();
  for (const game of games) {
    const team = (
      side: string,
    ) => [
      ...new Set(game.seats.filter((s) => s.side === side).map((s) => s.agent)),
    ];
    const teams = [team("werewolves"), team("village")];
    const before = teams.map((t) => t.map((a) => skills.get(a) ?? rating()));
    const after = rate(before, {
      rank: game.winner === "werewolves" ? [1, 2] : [2, 1],
      model: plackettLuce,
    });
    teams.forEach((t, ti) =>
      t.forEach((a, ai) => skills.set(a, after[ti]![ai]!))
    );
  }
  for (const result of results.agents) {
    const name = result.agent;
    const record = recordOf(games, name);
    sameStat(result.record.overall, record.stat("overall"), name);
    for (const side of ["werewolves", "village"] as const) {
      sameStat(
        result.record.bySide[side],
        record.stat(`side:${side}`),
        `${name} ${side}`,
      );
      near(
        result.elo[side].rating,
        elo.get(`${name}:${side}`) ?? 1500,
        `${name} elo ${side}`,
      );
    }
    for (const role of ROLES) {
      sameStat(
        result.record.byRole[role],
        record.stat(`role:${role}`),
        `${name} ${role}`,
      );
    }
    near(result.openskill.overall.mu, skills.get(name)!.mu, `${name} mu`);
    near(
      result.openskill.overall.sigma,
      skills.get(name)!.sigma,
      `${name} sigma`,
    );
    const seats = games.flatMap((g) => g.seats.filter((s) => s.agent === name));
    const village = seats.filter((s) => s.side === "village");
    const cast = village.reduce((a, s) => a + s.votes, 0);
    const onWolves = village.reduce((a, s) => a + s.votesOnWerewolves, 0);
    assert.deepEqual(result.play.votes, {
      cast,
      onWerewolves: onWolves,
      accuracy: cast ? onWolves / cast : null,
    }, `${name} votes`);
    const seers = seats.filter((s) => s.role === "seer");
    const inspections = seers.reduce((a, s) => a + s.inspections, 0);
    const found = seers.reduce((a, s) => a + s.werewolvesFound, 0);
    assert.deepEqual(result.play.seer, {
      inspections,
      werewolvesFound: found,
      accuracy: inspections ? found / inspections : null,
    }, `${name} seer`);
    for (const role of ["seer", "witch", "hunter"] as const) {
      const held = seats.filter((s) => s.role === role);
      const survived = held.filter((s) => s.alive).length;
      assert.deepEqual(result.play.keyRoles[role], {
        games: held.length,
        survived,
        rate: held.length ? survived / held.length : null,
      }, `${name} ${role} survival`);
    }
    assert.equal(
      result.play.saves.witch,
      seats.reduce((a, s) => a + s.witchSaves, 0),
      `${name} witch saves`,
    );
    const won = games.filter((g) =>
      g.seats.some((s) => s.agent === name && s.side === g.winner)
    );
    assert.equal(result.play.daysToWin.wins, won.length);
    near(
      result.play.daysToWin.mean,
      won.length ? won.reduce((a, g) => a + g.days, 0) / won.length : null,
      `${name} days to win`,
    );
    const messages = seats.reduce((a, s) => a + s.messages, 0);
    assert.equal(result.play.speech.messages, messages, `${name} messages`);
    assert.equal(
      result.play.speech.chars,
      seats.reduce((a, s) => a + s.chars, 0),
      `${name} chars`,
    );
    assert.equal(
      result.health.games,
      games.filter((g) => g.seats.some((s) => s.agent === name)).length,
    );
    assert.equal(
      result.health.defaults.deadline,
      seats.reduce((a, s) => a + s.deadlineDefaults, 0),
    );
    assert.equal(result.health.latencyMs.samples, 0, "bots report no usage");
  }
  // house speaks, random never does
  assert.ok(house.play.speech.messages > 0);
  assert.equal(random.play.speech.messages, 0);
});

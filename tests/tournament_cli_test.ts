/**
 * `deno task tournament` as a user runs it: `--help`, a bad config listing
 * every wrong field before anything starts, and a small bot tournament on
 * its own server (a child `main.ts`) writing results.json, games.csv and
 * leaderboard.md, with `--json` progress.
 * @module
 */
import assert from "node:assert/strict";
import { GAMES_CSV_COLUMNS, ResultsSchema } from "../tournament/mod.ts";
import { tournamentCli, writeConfig } from "./_tournament_cli.ts";

Deno.test("deno task tournament --help prints the usage; an unknown flag or no --config exits 2 with it", async () => {
  const help = await tournamentCli(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: deno task tournament --config FILE/);
  const unknown = await tournamentCli(["--config", "x.json", "--fast"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--fast[\s\S]*usage:/);
  const none = await tournamentCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--config FILE is required/);
});

Deno.test("deno task tournament with a bad config lists every wrong field and exits 2 before starting anything", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tourney-bad-" });
  try {
    const config = await writeConfig(dir, {
      agents: [
        { name: "a", kind: "bot" },
        { name: "a", kind: "llm", temperature: 3 },
      ],
      games: 7,
      players: 4,
      seed: 1,
      schedule: "mirror",
    });
    const out = `${dir}/out`;
    const run = await tournamentCli(["--config", config, "--out", out]);
    assert.equal(run.code, 2);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("  - "));
    assert.ok(lines.length >= 5, run.stderr);
    for (
      const field of [
        "agents[0].strategy",
        "agents[1].model",
        "agents[1].temperature",
        "players",
      ]
    ) {
      assert.ok(
        lines.some((l) => l.includes(field)),
        `${field}: ${run.stderr}`,
      );
    }
    assert.match(run.stderr, /nothing started/);
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task tournament plays a bot tournament on its own server and writes results.json, games.csv and leaderboard.md, with --json progress", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tourney-run-" });
  try {
    const config = await writeConfig(dir, {
      name: "cli",
      agents: [
        { name: "house", kind: "bot", strategy: "house" },
        { name: "random", kind: "bot", strategy: "random" },
      ],
      games: 4,
      players: 6,
      actionTimeoutMs: 5000,
      seed: 9,
      schedule: "mirror",
      concurrency: { games: 2 },
    });
    const out = `${dir}/out`;
    const run = await tournamentCli([
      "--config",
      config,
      "--out",
      out,
      "--json",
    ], { boundMs: 90_000 });
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(events.filter((e) => e.type === "ended").length, 4);
    const { tournamentId, ...done } = events.at(-2);
    assert.match(tournamentId, /^t-[a-z0-9]{12}$/);
    assert.deepEqual(done, {
      type: "done",
      done: 4,
      total: 4,
      errors: 0,
      etaMs: 0,
    });
    assert.deepEqual(events[0], {
      type: "resumed",
      tournamentId,
      done: 0,
      total: 4,
      errors: 0,
      etaMs: null,
    });
    assert.equal(events.at(-1).type, "written");
    const results = ResultsSchema.parse(
      JSON.parse(await Deno.readTextFile(`${out}/results.json`)),
    );
    assert.equal(results.counts.games, 4);
    assert.deepEqual(results.agents.map((a) => a.agent).sort(), [
      "house",
      "random",
    ]);
    const csv = (await Deno.readTextFile(`${out}/games.csv`)).trim().split(
      "\r\n",
    );
    assert.equal(csv[0], GAMES_CSV_COLUMNS.join(","));
    assert.equal(csv.length, 1 + 4 * 6);
    assert.match(await Deno.readTextFile(`${out}/leaderboard.md`), /house/);
    assert.ok((await Deno.stat(`${out}/data/loup-garou.db`)).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A tournament resumed after kill -9 of its runner, when the same command runs
 * again: with --url (the ended games kept, the interrupted replayed and
 * marked, none counted twice) and without (its own server stops too, and the
 * run resumes from DIR/data).
 * @module
 */
import assert from "node:assert/strict";
import { startTestServer, within } from "./_helpers.ts";
import { writeConfig } from "./_tournament_cli.ts";
import { ADMIN, GAMES, readEvents, runner } from "./_tournament_resume.ts";

Deno.test("a tournament whose runner was killed with SIGKILL resumes when the same command runs again: the ended games kept, the interrupted replayed and marked, no game counted twice", async () => {
  await using server = await startTestServer({
    adminToken: ADMIN,
    wsMaxConnectionsPerIp: 0,
    maxConnectionsPerIp: 0,
    rateLimitPerSecond: 0,
  });
  const dir = await Deno.makeTempDir({ prefix: "tourney-resume-" });
  try {
    const config = await writeConfig(dir, {
      name: "resume",
      agents: [
        { name: "house", kind: "bot", strategy: "house" },
        { name: "random", kind: "bot", strategy: "random" },
      ],
      games: GAMES,
      players: 6,
      actionTimeoutMs: 2000,
      seed: 31,
      schedule: "rotation",
      concurrency: { games: 4 },
    });
    const args = [
      "--config",
      config,
      "--url",
      server.wsUrl,
      "--out",
      `${dir}/out`,
    ];
    const first = runner(args);
    const before = await within(
      readEvents(first, (e) => e["type"] === "ended" && e["done"] === 6),
      60_000,
      "6 games of the first run",
    );
    first.kill("SIGKILL");
    const status = await first.status;
    assert.equal(status.signal, "SIGKILL");
    await first.stderr.cancel();
    const endedFirst = before.filter((e) => e["type"] === "ended")
      .map((e) => e["gameId"] as string);
    assert.equal(endedFirst.length, 6);
    const interrupted = new Set(
      before.filter((e) => e["type"] === "started").map((e) => e["index"]),
    );
    for (const e of before.filter((e) => e["type"] === "ended")) {
      interrupted.delete(e["index"]);
    }

    const second = runner(args);
    const after = await within(
      readEvents(second, () => false),
      120_000,
      "the second run",
    );
    const code = (await second.status).code;
    const stderr = await new Response(second.stderr).text();
    assert.equal(code, 0, stderr);
    const resumed = after[0]!;
    assert.equal(resumed["type"], "resumed");
    assert.ok((resumed["done"] as number) >= 6, JSON.stringify(resumed));
    const tournamentId = resumed["tournamentId"] as string;
    assert.equal(before[0]!["tournamentId"], tournamentId);

    const results = JSON.parse(
      await Deno.readTextFile(`${dir}/out/results.json`),
    );
    const ids: string[] = results.games.map((g: { id: string }) => g.id);
    assert.equal(results.counts.games, GAMES);
    assert.equal(new Set(ids).size, GAMES, "no game counted twice");
    for (const id of endedFirst) assert.ok(ids.includes(id), `${id} kept`);
    const perAgent = results.agents.map(
      (a: { record: { overall: { games: number } } }) => a.record.overall.games,
    );
    assert.deepEqual(perAgent, [GAMES, GAMES]);
    // the games being played at the kill were replayed, and marked
    assert.ok(interrupted.size > 0, "games were in flight at the kill");
    const replayed = new Set(results.replayed as string[]);
    const res = await fetch(
      `${server.httpUrl}/tournaments/${tournamentId}/results.json`,
    );
    const served = await res.json();
    assert.deepEqual(served.games.map((g: { id: string }) => g.id), ids);
    const startedFirst = new Map(
      before.filter((e) => e["type"] === "started").map((e) => [
        e["index"],
        e["gameId"],
      ]),
    );
    for (const index of interrupted) {
      const id = ids[index as number]!;
      // replayed as a new game, marked; or, had it ended meanwhile, kept
      assert.ok(
        replayed.has(id) ||
          (id === startedFirst.get(index) && !replayed.has(id)),
        `game ${index}: ${id}`,
      );
    }
    assert.ok(replayed.size > 0, "some interrupted game was replayed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without --url, kill -9 of the runner stops its own server too (under its watch), and the same command resumes from DIR/data", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tourney-resume-own-" });
  try {
    const config = await writeConfig(dir, {
      name: "resume-own",
      agents: [
        { name: "house", kind: "bot", strategy: "house" },
        { name: "random", kind: "bot", strategy: "random" },
      ],
      games: 8,
      players: 6,
      actionTimeoutMs: 2000,
      seed: 32,
      schedule: "rotation",
      concurrency: { games: 2 },
    });
    const args = ["--config", config, "--out", `${dir}/out`];
    const first = runner(args);
    const before = await within(
      readEvents(first, (e) => e["type"] === "ended" && e["done"] === 3),
      60_000,
      "3 games of the first run",
    );
    first.kill("SIGKILL");
    await first.status;
    await first.stderr.cancel();
    const second = runner(args);
    const after = await within(
      readEvents(second, () => false),
      120_000,
      "the second run",
    );
    const code = (await second.status).code;
    const stderr = await new Response(second.stderr).text();
    assert.equal(code, 0, stderr);
    assert.equal(after[0]!["type"], "resumed");
    assert.equal(after[0]!["tournamentId"], before[0]!["tournamentId"]);
    assert.ok((after[0]!["done"] as number) >= 3);
    const results = JSON.parse(
      await Deno.readTextFile(`${dir}/out/results.json`),
    );
    const ids = results.games.map((g: { id: string }) => g.id);
    assert.equal(results.counts.games, 8);
    assert.equal(new Set(ids).size, 8);
    const endedFirst = before.filter((e) => e["type"] === "ended")
      .map((e) => e["gameId"]);
    for (const id of endedFirst) assert.ok(ids.includes(id), `${id} kept`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Resuming a tournament after `kill -9` of the runner: the same command run
 * again finds its tournament on the server (by the config's key), keeps the
 * games that ended, replays those that were being played (same seed and
 * deal, marked), and counts every scheduled game exactly once.
 * @module
 */
import assert from "node:assert/strict";
import { startTestServer, within } from "./_helpers.ts";
import { writeConfig } from "./_tournament_cli.ts";
import { ServerProcess } from "./_server_process.ts";

const ADMIN = "resume-admin";
const GAMES = 20;
const MAIN = new URL("../tournament/cli/tournament_main.ts", import.meta.url)
  .pathname;

/** The runner as a process of its own (so SIGKILL reaches it), with --json. */
function runner(args: string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-run=deno",
      MAIN,
      ...args,
      "--json",
    ],
    env: { NO_COLOR: "1", ADMIN_TOKEN: ADMIN },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Reads JSON lines from `child` until `stop` says so (or the output ends). */
async function readEvents(
  child: Deno.ChildProcess,
  stop: (event: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  let buffer = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const event = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        events.push(event);
        if (stop(event)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

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

Deno.test("after kill -9 of the server mid-tournament, the same command on the restarted server (same DATA_DIR) resumes: the ended games kept, none twice", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tourney-server-kill-" });
  try {
    const config = await writeConfig(dir, {
      name: "server-kill",
      agents: [
        { name: "house", kind: "bot", strategy: "house" },
        { name: "random", kind: "bot", strategy: "random" },
      ],
      games: 8,
      players: 6,
      actionTimeoutMs: 2000,
      seed: 33,
      schedule: "rotation",
      concurrency: { games: 2 },
    });
    const env = {
      ADMIN_TOKEN: ADMIN,
      DATA_DIR: `${dir}/data`,
      WS_RATE_LIMIT: "0",
    };
    const out = `${dir}/out`;
    let endedFirst: unknown[];
    let tournamentId: unknown;
    {
      await using server = await ServerProcess.start(env);
      const first = runner([
        "--config",
        config,
        "--url",
        server.wsUrl,
        "--out",
        out,
      ]);
      const before = await within(
        readEvents(first, (e) => e["type"] === "ended" && e["done"] === 3),
        60_000,
        "3 games of the first run",
      );
      endedFirst = before.filter((e) => e["type"] === "ended")
        .map((e) => e["gameId"]);
      tournamentId = before[0]!["tournamentId"];
      await server[Symbol.asyncDispose](); // SIGKILL
      // the runner loses its server: it stops by itself, or is stopped
      const stopped = await Promise.race([
        first.status.then(() => true),
        new Promise<false>((resolve) =>
          setTimeout(() => resolve(false), 15_000)
        ),
      ]);
      if (!stopped) first.kill("SIGKILL");
      await first.status;
      await first.stderr.cancel().catch(() => {});
    }
    await using server = await ServerProcess.start(env);
    const second = runner([
      "--config",
      config,
      "--url",
      server.wsUrl,
      "--out",
      out,
    ]);
    const after = await within(
      readEvents(second, () => false),
      120_000,
      "the run on the restarted server",
    );
    const code = (await second.status).code;
    const stderr = await new Response(second.stderr).text();
    assert.equal(code, 0, stderr);
    assert.equal(after[0]!["tournamentId"], tournamentId);
    assert.ok((after[0]!["done"] as number) >= 3);
    const results = JSON.parse(await Deno.readTextFile(`${out}/results.json`));
    const ids = results.games.map((g: { id: string }) => g.id);
    assert.equal(results.counts.games, 8);
    assert.equal(new Set(ids).size, 8, "no game counted twice");
    for (const id of endedFirst) assert.ok(ids.includes(id), `${id} kept`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A tournament resumed after kill -9 of the server mid-tournament: the same
 * command on the restarted server (same DATA_DIR) keeps the ended games and
 * plays none twice.
 * @module
 */
import assert from "node:assert/strict";
import { within } from "./_helpers.ts";
import { writeConfig } from "./_tournament_cli.ts";
import { ServerProcess } from "./_server_process.ts";
import { ADMIN, readEvents, runner } from "./_tournament_resume.ts";

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

import assert from "node:assert/strict";
import type { SplitResult } from "../bench/_games_split.ts";
import { freePort, startMain } from "./_main_process.ts";

const ADMIN = "bench-games-split";

/** Plays `games` over two load processes against `main.ts` on `dataDir`. */
async function play(dataDir: string, games: number) {
  const port = freePort();
  await using server = await startMain({
    WS_HOST: "127.0.0.1",
    WS_PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: ADMIN,
    WS_RATE_LIMIT: "0",
    WS_MAX_CONNECTIONS_PER_IP: "0",
    MAX_CONNECTIONS_PER_IP: "0",
  });
  // a process of its own: reading another process's /proc needs -A
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: [
      ...["run", "-A", "bench/games.ts"],
      ...["--url", `ws://127.0.0.1:${port}/trpc`, "--admin-token", ADMIN],
      ...["--games", String(games), "--concurrency", String(games)],
      ...["--processes", "2", "--pid", String(server.child.pid)],
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.equal(code, 0, "bench/games.ts failed");
  const result = JSON.parse(
    new TextDecoder().decode(stdout).trim().split("\n").at(-1)!,
  ) as SplitResult;
  await server.stop("SIGTERM");
  return result;
}

Deno.test("bench games.ts --processes 2: the server's disk writes per game are its database's (a file: hundreds of KiB a game; :memory:, none), and both sides' CPU in the run's median second is read", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lg-bench-split-" });
  try {
    const onDisk = await play(dir, 2);
    assert.equal(onDisk.games, 2);
    assert.equal(onDisk.mutation_errors, 0);
    assert.equal(onDisk.load_processes, 2);
    // a second at least (the games of two load processes last seconds)
    for (
      const share of [
        onDisk.server_cpu_pct_median_s,
        onDisk.client_cpu_pct_median_s,
      ]
    ) {
      assert.ok(
        typeof share === "number" && share > 0 && share < 400,
        `${share}`,
      );
    }
    const written = onDisk.server_disk_kb_per_game ?? 0;
    // a game's ~67 commands, each a few rows and 4 KiB pages in the WAL
    assert.ok(written > 100, `${written} KiB per game on a file`);
    const database = (await Deno.stat(`${dir}/loup-garou.db`)).size;
    assert.ok(database > 0);
    const inMemory = await play(":memory:", 2);
    assert.ok(
      (inMemory.server_disk_kb_per_game ?? Infinity) < written / 10,
      `${inMemory.server_disk_kb_per_game} KiB per game in memory`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

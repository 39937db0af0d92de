import assert from "node:assert/strict";
import type { ClusterResult } from "../bench/cluster.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";

Deno.test({
  name:
    "bench cluster scenario: SQLite, Redis and three instances on Redis each play every game with no refused mutation, Redis's commands counted only on Redis",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    // its own process: reading other processes' CPU in /proc needs -A
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "bench/cluster.ts",
        "--games",
        "2",
        "--concurrency",
        "2",
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.ok(run.success, "bench/cluster.ts exits 0");
    const lines = new TextDecoder().decode(run.stdout).trim().split("\n");
    const results = JSON.parse(lines.at(-1)!) as ClusterResult[];
    assert.deepEqual(results.map((r) => [r.setup, r.instances, r.games]), [
      ["sqlite-1", 1, 2],
      ["redis-1", 1, 2],
      ["redis-3", 3, 2],
    ]);
    for (const result of results) {
      assert.ok(result.mutations > 0, result.setup);
      assert.equal(result.mutation_errors, 0, result.setup);
      assert.equal(result.instance_cpu_ms_per_game.length, result.instances);
    }
    assert.equal(results[0]!.redis_commands_per_game, null);
    assert.ok(results[1]!.redis_commands_per_game! > 0);
    assert.ok(results[2]!.redis_commands_per_game! > 0);
  },
});

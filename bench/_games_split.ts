/**
 * The games scenario spread over several load-generator processes: each
 * child (`games.ts --first-index I --samples`) plays its share of the games
 * and of the concurrency with its own bots, and this process merges what
 * they measured and reads the server's CPU time and memory over the whole
 * run, so that the clients' CPU shows next to the server's.
 * @module
 */
import type { GamesResult, GamesSamples } from "./_games_types.ts";
import { round, Samples } from "./_load.ts";
import { cpuMs, diskWriteBytes, rssBytes } from "./_proc.ts";
import { gamesFigures } from "./_games_result.ts";
import { CpuWindows } from "./_cpu_windows.ts";

/** Settings of {@linkcode runGamesSplit}. */
export interface SplitOptions {
  url: string;
  adminToken: string;
  games: number;
  concurrency: number;
  /** Load-generator processes (at least 2). */
  processes: number;
  pid?: number | undefined;
  seed: number;
  actionTimeoutMs: number;
  maxSeconds: number;
  /** The children's bots (`games.ts --client`). */
  client: "wire" | "trpc";
  /** The command that starts one child, before its flags (pinning included). */
  command: string[];
}

/** What {@linkcode runGamesSplit} measured: one run's figures, and the split's. */
export interface SplitResult extends GamesResult {
  /** The busiest child's CPU, as a share of one core (percent). */
  client_cpu_pct_max: number;
  /** The children's CPU per game (ms), summed. */
  client_cpu_ms_per_game: number;
  /**
   * The server's CPU in the run's median second (percent of its core): the
   * steady part, without the quieter first and last seconds.
   */
  server_cpu_pct_median_s: number | null;
  /** The children's CPU in the run's median second (percent of one core, summed). */
  client_cpu_pct_median_s: number | null;
  /** Each child's CPU, as a share of one core (percent), in order. */
  client_cpu_pct_each: number[];
  load_processes: number;
  /** The server's RSS peak growth over the run per concurrent game (KiB). */
  server_rss_kb_per_game: number | null;
  /** What the server wrote to storage over the run, per game (KiB: its database). */
  server_disk_kb_per_game: number | null;
}

/** `total` cut into `parts` whole shares as even as can be. */
function shares(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

/** A running child: its process, and the JSON it will print last. */
interface Child {
  process: Deno.ChildProcess;
  result: Promise<GamesResult>;
}

/** Starts one child. */
function child(command: string[], args: string[]): Child {
  const [program, ...rest] = [...command, ...args];
  const process = new Deno.Command(program!, {
    args: rest,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const result = process.output().then((output) => {
    if (!output.success) {
      const err = new TextDecoder().decode(output.stderr).trim();
      throw new Error(`a load process failed: ${err}`);
    }
    const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
    return JSON.parse(lines.at(-1)!) as GamesResult;
  });
  return { process, result };
}

/**
 * Plays `games` games, `concurrency` at once, split over `processes`
 * children; the result is one run's, with `load_processes` and the sum of
 * the children's CPU (`client_cpu_ms`, `client_cpu_pct`: percent of one
 * core, so above 100 when they used more than one), the busiest child's
 * share (`client_cpu_pct_max`), both sides' CPU in the run's median
 * second (`server_cpu_pct_median_s`, `client_cpu_pct_median_s`), the
 * server's RSS peak growth per concurrent game
 * (`server_rss_kb_per_game`, sampled every 100 ms) and
 * what it wrote to storage per game (`server_disk_kb_per_game`).
 */
export async function runGamesSplit(
  options: SplitOptions,
): Promise<SplitResult> {
  const { pid } = options;
  const processes = Math.min(options.processes, options.games);
  const games = shares(options.games, processes);
  const concurrency = shares(
    Math.min(options.concurrency, options.games),
    processes,
  );
  const rss0 = pid === undefined ? 0 : rssBytes(pid);
  let rssPeak = rss0;
  const cpu0 = pid === undefined ? 0 : cpuMs(pid);
  const disk0 = pid === undefined ? 0 : diskWriteBytes(pid);
  const started = performance.now();
  const serverSeconds = new CpuWindows();
  const clientSeconds = new CpuWindows();
  let first = 0;
  const children = games.map((count, i) => {
    const args = [
      ...["--url", options.url, "--admin-token", options.adminToken],
      ...["--games", String(count), "--seed", String(options.seed)],
      ...["--concurrency", String(Math.max(1, concurrency[i]!))],
      ...["--first-index", String(first)],
      ...["--timeout", String(options.actionTimeoutMs)],
      ...["--max-seconds", String(options.maxSeconds), "--samples"],
      ...["--client", options.client],
    ];
    first += count;
    return child(options.command, args);
  });
  const childCpu = children.map(() => 0); // a child that ended keeps its last
  const sampler = setInterval(() => {
    const at = performance.now();
    if (pid !== undefined) {
      rssPeak = Math.max(rssPeak, rssBytes(pid));
      serverSeconds.sample(at, cpuMs(pid));
    }
    children.forEach(({ process }, i) => {
      try {
        childCpu[i] = cpuMs(process.pid);
      } catch {
        // gone: its last reading stands
      }
    });
    clientSeconds.sample(at, childCpu.reduce((a, b) => a + b, 0));
  }, 100);
  let results: GamesResult[];
  try {
    results = await Promise.all(children.map((c) => c.result));
  } catch (error) {
    // one failed: the others stop too, and are waited for
    for (const { process } of children) {
      try {
        process.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    await Promise.allSettled(children.map((c) => c.result));
    throw error;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = pid === undefined ? null : cpuMs(pid) - cpu0;
  const disk = pid === undefined ? null : diskWriteBytes(pid) - disk0;
  const merged = {
    mutation: new Samples(),
    join: new Samples(),
    game: new Samples(),
  };
  for (const { samples } of results) {
    for (const key of Object.keys(merged) as (keyof GamesSamples)[]) {
      for (const value of samples?.[key] ?? []) merged[key].push(value);
    }
  }
  const sum = (f: (r: GamesResult) => number) =>
    results.reduce((n, r) => n + f(r), 0);
  const total = options.games;
  return {
    ...gamesFigures({
      games: total,
      concurrency: sum((r) => r.concurrency),
      seconds,
      ...merged,
      mutationErrors: sum((r) => r.mutation_errors),
      timedOutActions: sum((r) => r.timed_out_actions),
      villageWins: sum((r) => r.village_wins),
      serverCpuMs: serverCpu,
      clientCpuMs: sum((r) => r.client_cpu_ms),
      pid,
    }),
    client_cpu_pct_max: Math.max(...results.map((r) => r.client_cpu_pct)),
    client_cpu_pct_each: results.map((r) => r.client_cpu_pct),
    server_cpu_pct_median_s: pid === undefined ? null : serverSeconds.median(),
    client_cpu_pct_median_s: clientSeconds.median(),
    reconnects: sum((r) => r.reconnects ?? 0),
    games_waited: sum((r) => r.games_waited ?? 0),
    client_cpu_ms_per_game: round(sum((r) => r.client_cpu_ms) / total, 1),
    load_processes: processes,
    server_rss_kb_per_game: pid === undefined ? null : round(
      (rssPeak - rss0) / 1024 / Math.min(options.concurrency, total),
      1,
    ),
    server_disk_kb_per_game: disk === null
      ? null
      : round(disk / 1024 / total, 1),
  };
}

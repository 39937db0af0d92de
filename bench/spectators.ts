/**
 * The "spectators" benchmark scenario: one 8-player game of the server's
 * house bots (`houseBots: "fill"`, thinking `--think-ms` each), watched by
 * `--viewers` public viewers over real sockets, spread over `--processes`
 * load processes (`bench/_spectator_load.ts`, each on the load core). The
 * game starts once every viewer is subscribed and its backlog replayed;
 * then each event the game makes goes to every viewer. Measures each
 * delivery's latency (receive time minus the event's `at`: the latency
 * includes the commit), the p99 of each event over its viewers, and the
 * server's CPU per delivered event (from `game.start` to the last viewer's
 * `game_over`). Prints one JSON line.
 *
 * ```sh
 * deno run -A bench/spectators.ts --url ws://127.0.0.1:8000/trpc \
 *   --admin-token T --pid SERVER_PID [--viewers 5000] [--processes 4] \
 *   [--think-ms 1000] [--seed 1] [--max-seconds 300]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import { round, Samples } from "./_load.ts";
import { cpuMs } from "./_proc.ts";
import { pin } from "./_processes.ts";
import type { SpectatorLoadResult } from "./_spectator_load.ts";

const LOAD = new URL("./_spectator_load.ts", import.meta.url).pathname;

/** Settings of {@linkcode runSpectators}. */
export interface SpectatorsOptions {
  url: string;
  adminToken: string;
  /** The server's pid, for its CPU time. */
  pid: number;
  viewers: number;
  processes: number;
  /** The house bots' think time (ms). */
  thinkMs: number;
  seed: number;
  maxSeconds: number;
}

/** One load process: its output lines as they come, and its end. */
function startLoad(args: string[]): {
  lines: AsyncIterator<string>;
  done: Promise<Deno.CommandStatus>;
} {
  const [program, ...rest] = [
    ...pin(1),
    Deno.execPath(),
    "run",
    "-A",
    LOAD,
    ...args,
  ];
  const child = new Deno.Command(program!, {
    args: rest,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream())
    .pipeThrough(splitLines())[Symbol.asyncIterator]();
  return { lines, done: child.status };
}

function splitLines(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, out) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) if (part.trim() !== "") out.enqueue(part);
    },
    flush(out) {
      if (rest.trim() !== "") out.enqueue(rest);
    },
  });
}

/** The next line a load process printed that holds `key`. */
async function lineWith(
  lines: AsyncIterator<string>,
  key: string,
): Promise<Record<string, unknown>> {
  while (true) {
    const next = await lines.next();
    if (next.done) throw new Error(`a load process ended before "${key}"`);
    const value = JSON.parse(next.value);
    if (key in value) return value;
  }
}

/** Runs the scenario; see the module's documentation. */
export async function runSpectators(
  options: SpectatorsOptions,
): Promise<Record<string, number | string>> {
  const { url, pid, viewers, processes } = options;
  const admin = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: options.adminToken },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: admin, transformer: superjson })],
  });
  try {
    const { gameId } = await client.lobby.createGame.mutate({
      name: "Spectated",
      players: 8,
      seed: options.seed,
      houseBots: "fill",
      houseBotThinkMs: options.thinkMs,
      actionTimeoutMs: 30_000,
    });
    const share = Math.ceil(viewers / processes);
    const loads = Array.from({ length: processes }, (_, i) =>
      startLoad([
        ...["--url", url, "--game", gameId, "--name", `p${i}`],
        ...["--viewers", String(Math.min(share, viewers - i * share))],
        ...["--timeout", String(options.maxSeconds)],
      ]));
    const t0 = performance.now();
    await Promise.all(loads.map((load) => lineWith(load.lines, "ready")));
    const connectS = (performance.now() - t0) / 1000;
    const cpu0 = cpuMs(pid);
    const started = performance.now();
    await client.game.start.mutate({ gameId });
    await Promise.all(loads.map((load) => lineWith(load.lines, "over")));
    const cpu1 = cpuMs(pid);
    const seconds = (performance.now() - started) / 1000;
    const results = await Promise.all(loads.map(async (load) => {
      const result = await lineWith(load.lines, "latencies");
      await load.done;
      return result as unknown as SpectatorLoadResult;
    }));
    return summary(results, { cpuMs: cpu1 - cpu0, seconds, connectS });
  } finally {
    admin.close();
  }
}

function summary(
  results: readonly SpectatorLoadResult[],
  run: { cpuMs: number; seconds: number; connectS: number },
): Record<string, number | string> {
  const all = new Samples();
  const byEvent = new Map<string, number[]>();
  for (const result of results) {
    for (const [seq, values] of Object.entries(result.latencies)) {
      const list = byEvent.get(seq) ?? [];
      for (const value of values) {
        list.push(value);
        all.push(value);
      }
      byEvent.set(seq, list);
    }
  }
  const eventP99 = new Samples();
  for (const values of byEvent.values()) {
    const one = new Samples();
    for (const value of values) one.push(value);
    eventP99.push(one.summary().p99);
  }
  const total = (field: "viewers" | "closed" | "finished" | "out_of_order") =>
    results.reduce((sum, result) => sum + result[field], 0);
  const { p50, p99, max } = all.summary();
  const perEvent = eventP99.summary();
  const clientCpu = results.reduce((sum, r) => sum + r.client_cpu_ms, 0);
  return {
    scenario: "spectators",
    viewers: total("viewers"),
    finished: total("finished"),
    closed_by_server: total("closed"),
    close_codes: JSON.stringify(codesOf(results)),
    out_of_order: total("out_of_order"),
    events: byEvent.size,
    deliveries: all.count,
    seconds: round(run.seconds, 2),
    connect_s: round(run.connectS, 1),
    deliveries_per_s: Math.round(all.count / run.seconds),
    p50_ms: p50,
    p99_ms: p99,
    max_ms: max,
    event_p99_median_ms: perEvent.p50,
    event_p99_max_ms: perEvent.max,
    server_cpu_ms: run.cpuMs,
    server_cpu_us_per_delivery: round(run.cpuMs * 1000 / all.count, 2),
    client_cpu_ms: round(clientCpu, 0),
  };
}

function codesOf(
  results: readonly SpectatorLoadResult[],
): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.close_codes)) {
      codes[code] = (codes[code] ?? 0) + count;
    }
  }
  return codes;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      url: { type: "string" },
      "admin-token": { type: "string" },
      pid: { type: "string" },
      viewers: { type: "string", default: "5000" },
      processes: { type: "string", default: "4" },
      "think-ms": { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      "max-seconds": { type: "string", default: "300" },
    },
  });
  if (!values.url || !values["admin-token"] || !values.pid) {
    console.error("--url, --admin-token and --pid are required");
    Deno.exit(2);
  }
  const result = await runSpectators({
    url: values.url,
    adminToken: values["admin-token"],
    pid: Number(values.pid),
    viewers: Number(values.viewers),
    processes: Number(values.processes),
    thinkMs: Number(values["think-ms"]),
    seed: Number(values.seed),
    maxSeconds: Number(values["max-seconds"]),
  });
  console.log(JSON.stringify(result));
}

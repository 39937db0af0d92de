/**
 * `deno task bench`: runs every scenario against our adapter, against
 * tRPC's own Node adapter (the peer) and against a bare Deno WebSocket
 * server (the limit), taking turns (ours, peer, raw, ours, peer, raw...) in
 * one run, each server on core 0 and the load generator on core 1, and
 * prints one table with the ratios and the targets.
 *
 * ```sh
 * deno task bench                    # everything, 2 rounds
 * deno task bench --quick            # small sizes, 1 round, a smoke test
 * deno task bench --only rpc,fanout --rounds 3 --json /tmp/bench.json
 * deno task bench --only presence,presence_agents --baseline main --connections 1000
 * deno task bench --only games,rpc --baseline main   # ours / main, side by side
 * deno task bench --only rpc,fanout,paced --servers ours,metered  # the metrics' cost
 * deno task bench --only arena [--speech-sentences 4]
 * deno task bench --only tournament
 * deno task bench --only lobby        # the page's lobby against a spectator
 * deno task bench --only cluster      # SQLite, Redis, three instances on Redis
 * ```
 *
 * The presence scenarios run the full server (`main.ts`) of this tree
 * ("ours") against the same server at the git ref `--baseline` ("base",
 * extracted with `git archive`), taking turns in the same way; with
 * `--baseline` given, the games, rpc, fanout, idle and connect scenarios
 * run that ref's server too (its `main.ts`; for the adapter's scenarios this
 * tree's `bench/servers/ours.ts` on its `src/`, copied in as
 * `_ours_now.ts`) and print an ours / baseline table. The arena
 * scenario runs LLM agents with compact prompts ("ours") against the same
 * agents sending the whole log ("full") on the same games. The tournament
 * scenario runs a bot tournament through the runner ("ours") against the
 * same games played without it ("direct"), each on a fresh server.
 * @module
 */
import { parseArgs } from "node:util";
import { runScript } from "./_processes.ts";
import { extractBaseline } from "./_baseline.ts";
import { checkSameGames } from "./_arena_run.ts";
import { meanOf, pairTable, type Results, table } from "./_report.ts";
import { ensurePeer, HERE, runOne, type RunOptions } from "./_run_one.ts";
import {
  BASELINE_SCENARIOS,
  isGames,
  loadArgs,
  ON_REQUEST_BASELINE,
  OURS_ONLY,
  type Scenario,
  SCENARIOS,
  type Server,
} from "./_plan.ts";
import { FIGURES } from "./_figures.ts";
import {
  ARENA_FIGURES,
  BASELINE_FIGURES,
  LOBBY_FIGURES,
  TOURNAMENT_FIGURES,
} from "./_pair_figures.ts";

const USAGE = `usage: deno task bench [--quick] [--rounds N] [--only ${
  SCENARIOS.join(",")
}] [--servers ours,peer,raw] [--baseline GIT_REF] [--connections N] [--speech-sentences N] [--json FILE]`;

/** The parsed flags, or null after printing why they are wrong. */
function flags() {
  try {
    const parsed = parseArgs({
      args: Deno.args,
      options: {
        help: { type: "boolean", default: false },
        quick: { type: "boolean", default: false },
        rounds: { type: "string" },
        only: { type: "string" },
        servers: { type: "string", default: "ours,peer,raw" },
        json: { type: "string" },
        baseline: { type: "string" },
        connections: { type: "string" },
        "speech-sentences": { type: "string" },
      },
    });
    const unknown = (parsed.values.only?.split(",") ?? []).filter((name) =>
      !(SCENARIOS as readonly string[]).includes(name)
    );
    if (unknown.length > 0) {
      throw new Error(`unknown scenario ${unknown.join(", ")}`);
    }
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return null;
  }
}

async function main(): Promise<void> {
  const parsed = flags();
  if (parsed === null) Deno.exit(2);
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quick = values.quick;
  const rounds = Number(values.rounds ?? (quick ? 1 : 2));
  const only = (values.only?.split(",") ?? [...SCENARIOS]) as Scenario[];
  let servers = values.servers.split(",") as Server[];
  if (only.includes("cluster")) {
    await printCluster(quick);
    only.splice(only.indexOf("cluster"), 1);
    if (only.length === 0) return;
  }
  const needsPeer = only.some((s) =>
    !BASELINE_SCENARIOS.includes(s) && !OURS_ONLY.includes(s)
  );
  if (servers.includes("peer") && needsPeer && !(await ensurePeer())) {
    servers = servers.filter((s) => s !== "peer");
  }
  const results: Results = {};
  const started = performance.now();
  const ref = values.baseline ?? "main";
  const onRequest = values.baseline === undefined
    ? []
    : only.filter((s) => ON_REQUEST_BASELINE.includes(s));
  const baseDir = only.some((s) => BASELINE_SCENARIOS.includes(s)) ||
      onRequest.length > 0
    ? await extractBaseline(ref)
    : null;
  try {
    await runAll({
      only,
      rounds,
      servers,
      results,
      onRequest,
      run: {
        quick,
        baseDir,
        connections: values.connections,
        speechSentences: values["speech-sentences"],
      },
    });
  } finally {
    if (baseDir !== null) await Deno.remove(baseDir, { recursive: true });
  }
  const figures = FIGURES.filter((f) => only.includes(f.scenario as Scenario));
  if (figures.length > 0) console.log(table(results, figures));
  const perDelivery = spectatorsAgainstFanout(results);
  if (perDelivery !== null) console.log(`\n${perDelivery}`);
  if (servers.includes("front")) {
    console.log(`\n${pairTable(results, figures, { other: "front" })}`);
  }
  if (servers.includes("metered")) {
    const metered = figures.filter((f) => !isGames(f.scenario as Scenario));
    console.log(`\n${pairTable(results, metered, { other: "metered" })}`);
  }
  if (only.includes("tournament")) {
    console.log(
      `\n${pairTable(results, TOURNAMENT_FIGURES, { other: "direct" })}`,
    );
  }
  if (only.includes("lobby")) {
    const other = "spectator";
    console.log(`\n${pairTable(results, LOBBY_FIGURES, { other })}`);
    const top = "presence";
    console.log(`\n${pairTable(results, LOBBY_FIGURES, { other, top })}`);
    if (onRequest.includes("lobby")) {
      const rows = LOBBY_FIGURES.map(({ pairTarget: _target, ...f }) => f);
      console.log(`\n${pairTable(results, rows, { other: "base", ref, top })}`);
    }
  }
  if (only.includes("arena")) {
    checkSameGames(results);
    console.log(`\n${pairTable(results, ARENA_FIGURES, { other: "full" })}`);
  }
  const baselined = BASELINE_FIGURES.filter((f) =>
    only.includes(f.scenario as Scenario)
  );
  if (baselined.length > 0) {
    console.log(
      `\n${pairTable(results, baselined, { other: "base", ref })}`,
    );
  }
  const compared = FIGURES.filter((f) =>
    onRequest.includes(f.scenario as Scenario)
  ).map(({ pairTarget: _target, ...figure }) => figure);
  if (compared.length > 0 && baseDir !== null) {
    console.log(`\n${pairTable(results, compared, { other: "base", ref })}`);
  }
  console.log(
    `\n${rounds} round(s), ${
      Math.round((performance.now() - started) / 1000)
    } s, ` +
      `${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno}, ${await nodeVersion()}`,
  );
  if (values.json) {
    await Deno.writeTextFile(values.json, JSON.stringify(results, null, 2));
  }
}

/** Runs every round of every scenario, servers taking turns. */
async function runAll(opts: {
  only: Scenario[];
  rounds: number;
  servers: Server[];
  results: Results;
  /** Scenarios that run the baseline too (`--baseline` given). */
  onRequest: Scenario[];
  run: RunOptions;
}): Promise<void> {
  const { only, rounds, servers, results, run } = opts;
  const { baseDir } = run;
  for (const scenario of only) {
    if (!SCENARIOS.includes(scenario)) {
      throw new Error(`unknown scenario ${scenario}`);
    }
    const base: Server[] = opts.onRequest.includes(scenario) && baseDir !== null
      ? ["base"]
      : [];
    const turn: Server[] = BASELINE_SCENARIOS.includes(scenario)
      ? (baseDir === null ? ["ours"] : ["ours", "base"])
      : scenario === "arena"
      ? ["ours", "full"]
      : scenario === "tournament"
      ? ["ours", "direct"]
      : scenario === "lobby"
      ? ["ours", "spectator", "presence", ...base]
      : isGames(scenario)
      ? [...servers.filter((s) => s !== "peer" && s !== "metered"), ...base]
      : scenario === "spectators"
      ? [...servers.filter((s) => s === "ours"), ...base]
      : [...servers.filter((s) => s !== "base"), ...base];
    for (let round = 0; round < rounds; round++) {
      for (const server of turn) {
        const result = await runOne(scenario, server, run);
        ((results[scenario] ??= {})[server] ??= []).push(result);
        console.error(
          `${scenario} round ${round + 1} ${server}: ${JSON.stringify(result)}`,
        );
      }
    }
  }
}

/**
 * The cluster scenario (`bench/cluster.ts`, its own processes: redis-server
 * and `main.ts` instances), printed as one table of its three setups.
 */
async function printCluster(quick: boolean): Promise<void> {
  const args = loadArgs("cluster", quick);
  const results = await runScript(`${HERE}cluster.ts`, args) as unknown as {
    setup: string;
    [figure: string]: unknown;
  }[];
  const keys = Object.keys(results[0] ?? {}).filter((k) => k !== "setup");
  const rows = keys.map((key) =>
    `| ${key} | ${results.map((r) => JSON.stringify(r[key])).join(" | ")} |`
  );
  console.log(
    [
      `| cluster | ${results.map((r) => r.setup).join(" | ")} |`,
      `|---|${results.map(() => "---").join("|")}|`,
      ...rows,
    ].join("\n"),
  );
}

/**
 * Our server CPU per delivery in the spectators scenario (a real game's
 * events to public viewers) against the fan-out scenario's (the bench
 * router's events), means over the rounds of one run; null unless both ran.
 */
function spectatorsAgainstFanout(results: Results): string | null {
  const field = "server_cpu_us_per_delivery";
  const spectators = meanOf(results.spectators?.ours, field);
  const fanout = meanOf(results.fanout?.ours, field);
  if (spectators === null || fanout === null) return null;
  return `server CPU per delivery, ours: spectators ${
    spectators.mean.toFixed(2)
  } µs, fanout ${fanout.mean.toFixed(2)} µs: ${
    (spectators.mean / fanout.mean).toFixed(2)
  }×`;
}

async function nodeVersion(): Promise<string> {
  const out = await new Deno.Command("node", {
    args: ["--version"],
    stdout: "piped",
  }).output().catch(() => null);
  return out?.success
    ? `Node ${new TextDecoder().decode(out.stdout).trim()}`
    : "no Node";
}

if (import.meta.main) await main();

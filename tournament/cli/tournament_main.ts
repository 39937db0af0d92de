/**
 * `deno task tournament --config FILE [--url ws://HOST:PORT/trpc] [--out DIR] [--json]`:
 * plays a tournament and writes `DIR/results.json`, `DIR/games.csv` and
 * `DIR/leaderboard.md`. Without `--url` it starts its own server
 * (`main.ts` as a child process on a free loopback port, `DATA_DIR` under
 * `DIR/data`); with `--url` the server's `ADMIN_TOKEN` is read from the
 * environment. A bad config lists every wrong field and exits 2 before
 * anything starts.
 * @module
 */
import { parseArgs } from "node:util";
import { startChildServer } from "../../agents/mod.ts";
import { parseConfigText } from "../config_errors.ts";
import { gamesCsv } from "../../src/mod.ts";
import { leaderboardMarkdown } from "../leaderboard.ts";
import { runTournament } from "../run.ts";
import { progressReporter } from "./_progress.ts";

/** The usage line. */
export const USAGE =
  "usage: deno task tournament --config FILE [--url ws://HOST:PORT/trpc] [--out DIR] [--json]";

/** The output directory without `--out`. */
export const DEFAULT_OUT = "tournament-out";

/**
 * The child server's limits: every seat is its own socket from loopback, so
 * the per-address and per-connection limits are off on this private server.
 */
const CHILD_ENV = {
  WS_MAX_CONNECTIONS_PER_IP: "0",
  MAX_CONNECTIONS_PER_IP: "0",
  WS_RATE_LIMIT: "0",
  WS_PING_MS: "0",
};

/** Runs the command; the exit code (0 done, 1 failed, 2 bad usage or config). */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: "string" },
        url: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.config === undefined) {
    console.error(`--config FILE is required\n${USAGE}`);
    return 2;
  }
  let text;
  try {
    text = await Deno.readTextFile(values.config);
  } catch (error) {
    console.error(
      `cannot read the config ${values.config}: ${(error as Error).message}`,
    );
    return 2;
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) {
    console.error(
      `${values.config}: ${parsed.errors.length} wrong field${
        parsed.errors.length === 1 ? "" : "s"
      }, nothing started:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`,
    );
    return 2;
  }
  const out = values.out ?? DEFAULT_OUT;
  await Deno.mkdir(out, { recursive: true });
  const token = values.url === undefined
    ? crypto.randomUUID()
    : Deno.env.get("ADMIN_TOKEN");
  await using child = values.url === undefined
    ? await startChildServer(token!, { dataDir: `${out}/data`, env: CHILD_ENV })
    : null;
  const encoder = new TextEncoder();
  const onProgress = progressReporter({
    ...(values.json ? { json: (line: string) => console.log(line) } : {}),
    text: (chunk) => Deno.stderr.writeSync(encoder.encode(chunk)),
    terminal: Deno.stderr.isTerminal(),
  });
  let outcome;
  try {
    outcome = await runTournament(parsed.config, {
      url: values.url ?? child!.url,
      ...(token === undefined ? {} : { adminToken: token }),
      onProgress,
      env: (name) => Deno.env.get(name),
    });
  } catch (error) {
    console.error(`the tournament stopped: ${(error as Error).message}`);
    return 1;
  }
  const { results } = outcome;
  await Deno.writeTextFile(
    `${out}/results.json`,
    `${JSON.stringify(results, null, 2)}\n`,
  );
  await Deno.writeTextFile(`${out}/games.csv`, gamesCsv(results));
  await Deno.writeTextFile(
    `${out}/leaderboard.md`,
    leaderboardMarkdown(results),
  );
  const summary =
    `wrote ${out}/results.json, ${out}/games.csv, ${out}/leaderboard.md (${results.counts.games} games: ${results.counts.rated} rated, ${results.counts.selfPlay} self-play, ${results.counts.voided} voided)`;
  if (values.json) {
    console.log(
      JSON.stringify({ type: "written", out, counts: results.counts }),
    );
  } else console.error(summary);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

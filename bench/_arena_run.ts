/**
 * How `deno task bench` runs the arena scenario: our full server (`main.ts`,
 * games in memory) in its own process on core 0, and `bench/arena.ts` on
 * core 1 with the agents' record mode of the side (`ours`: compact, `full`:
 * the whole log); and the check that every run played the same games.
 * @module
 */
import { loadArgs, type Server } from "./_plan.ts";
import { runScript, startServer } from "./_processes.ts";
import type { Results } from "./_report.ts";

const HERE = new URL(".", import.meta.url).pathname;

/** Options of {@linkcode runArenaOn}. */
export interface ArenaRunOptions {
  quick: boolean;
  /** `--speech-sentences`, if given (default: the script's). */
  speechSentences?: string | undefined;
}

/** One run of the arena scenario for `side` (`ours` or `full`). */
export async function runArenaOn(
  side: Server,
  options: ArenaRunOptions,
): Promise<Record<string, number | string>> {
  if (side !== "ours" && side !== "full") {
    throw new Error(`the arena scenario compares ours with full, not ${side}`);
  }
  const token = crypto.randomUUID();
  const server = await startServer(
    [Deno.execPath(), "run", "-A", `${HERE}../main.ts`],
    {
      path: "/trpc",
      env: {
        ADMIN_TOKEN: token,
        WS_HOST: "127.0.0.1",
        WS_PORT: "0",
        DATA_DIR: ":memory:",
        WS_MAX_CONNECTIONS_PER_IP: "0", // every agent connects from here
        MAX_CONNECTIONS_PER_IP: "0",
      },
    },
  );
  try {
    return await runScript(`${HERE}arena.ts`, [
      "--url",
      server.url,
      "--admin-token",
      token,
      "--record",
      side === "full" ? "full" : "compact",
      ...loadArgs("arena", options.quick),
      ...(options.speechSentences === undefined
        ? []
        : ["--speech-sentences", options.speechSentences]),
    ]);
  } finally {
    await server.stop();
  }
}

/**
 * Throws unless every arena run of `results` played the same games (one
 * `facts` digest): otherwise the token counts compare different games.
 */
export function checkSameGames(results: Results): void {
  const runs = Object.values(results.arena ?? {}).flat();
  const digests = new Set(runs.map((run) => run.facts));
  if (digests.size > 1) {
    throw new Error(
      `the arena runs played different games (facts ${
        [...digests].join(", ")
      }): their tokens cannot be compared`,
    );
  }
}

/**
 * The "games" benchmark scenario: whole 8-player games of scripted bots
 * against a running server, `--concurrency` at a time, each bot on its own
 * socket: with `--client wire` (the default) the lean wire-level bot
 * (`_wire_bot.ts`, the same strategy on plain TCP frames), with `--client
 * trpc` `examples/bot_agent.ts` on the official @trpc/client; or, with `--engine-only`, the same kind
 * of game on the pure engine in-process, as the upper limit. With
 * `--processes P`, the games and the concurrency are split over P
 * load-generator processes (`_games_split.ts`). Prints one JSON line on
 * stdout; progress goes to stderr.
 *
 * ```sh
 * deno run -A bench/games.ts --url ws://127.0.0.1:8000/trpc --admin-token T \
 *   --games 200 --concurrency 100 [--pid SERVER_PID] [--seed 1] \
 *   [--timeout 2000] [--max-seconds 300] [--processes 4] [--client wire|trpc]
 * deno run -A bench/games.ts --engine-only --games 2000 [--seed 1]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import { runEngineGames } from "./_engine_player.ts";
import { Samples } from "./_load.ts";
import { cpuMs } from "./_proc.ts";
import { runGamesSplit } from "./_games_split.ts";
import { runWireBot } from "./_wire_bot.ts";
import { gamesFigures } from "./_games_result.ts";
import type { GamesOptions, GamesResult } from "./_games_types.ts";
import { Capacity, sleep } from "../tournament/_capacity.ts";

export { type EngineResult, runEngineGames } from "./_engine_player.ts";
export type {
  GamesOptions,
  GamesResult,
  GamesSamples,
} from "./_games_types.ts";

/** The distinct actions of a game defaulted at their deadline. */
function timedOut(results: readonly BotResult[]): number {
  const seqs = new Set<number>();
  for (const { events } of results) {
    for (const e of events) {
      if (e.type === "player_action" && e.timed_out) seqs.add(e.seq);
    }
  }
  return seqs.size;
}

/**
 * A game's outcome as its seats saw it: the winner, then each seat's role
 * and the types of the events it received, in order (no times: the same
 * seeds give the same outcome whichever client played).
 */
function outcomeOf(results: readonly BotResult[]): string {
  const seats = results.map(({ playerId, role, events }) =>
    `${playerId}=${role}:${events.map((e) => `${e.seq}.${e.type}`).join(",")}`
  );
  return [results[0]?.winner, ...seats].join(" ");
}

/**
 * Plays `games` 8-player games on a running server, `concurrency` at a
 * time, 8 bots per game each on its own socket; rejects if a game fails or
 * the run exceeds `maxSeconds`.
 */
export async function runGames(options: GamesOptions): Promise<GamesResult> {
  const { url, games, pid } = options;
  const seed = options.seed ?? 1;
  const maxSeconds = options.maxSeconds ?? 300;
  const stop = new AbortController();
  let closed: { code?: number; reason?: string } | undefined;
  const admin = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: options.adminToken },
    onClose: (cause) => closed = cause, // a CloseEvent: 4004 for a bad token
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: admin, transformer: superjson })],
  });
  const mutationMs = new Samples();
  const joinMs = new Samples();
  const gameMs = new Samples();
  const count = {
    errors: 0,
    timeouts: 0,
    village: 0,
    done: 0,
    reconnects: 0,
    waited: 0,
  };
  // a server with MAX_GAMES_IN_PLAY refuses games past it: they wait, the
  // waiting ones asking one at a time, as the tournament runner does
  const capacity = new Capacity({
    retryMs: 50,
    maxWaitMs: maxSeconds * 1000,
    now: () => performance.now(),
    sleep,
  });
  const onCallTimed = (path: string, ms: number, ok: boolean) => {
    if (path === "lobby.join") return void joinMs.push(ms); // a failed join fails its game
    mutationMs.push(ms);
    if (!ok) count.errors++;
  };
  const serverCpu0 = pid === undefined ? 0 : cpuMs(pid);
  const clientCpu0 = cpuMs(Deno.pid);
  const started = performance.now();

  const firstIndex = options.firstIndex ?? 0;
  const outcomes: string[] = [];
  async function playOne(index: number): Promise<void> {
    const gameSeed = seed * 100_000 + firstIndex + index;
    const { gameId } = await capacity.start(
      () =>
        client.lobby.createGame.mutate({
          name: `Bench ${firstIndex + index}`,
          players: 8,
          seed: gameSeed,
          actionTimeoutMs: options.actionTimeoutMs ?? 2000,
        }),
      () => count.waited++,
    );
    const began = performance.now(); // from the game's creation
    // each bot takes its own seat: the same seeds play the same games
    const play = options.client === "trpc" ? runBot : runWireBot;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        play({
          url,
          gameId,
          name: `Bot${i + 1}`,
          seat: i + 1,
          seed: gameSeed * 31 + i,
          signal: stop.signal,
          onCallTimed,
        })),
    );
    gameMs.push(performance.now() - began);
    if (new Set(results.map((r) => r.winner)).size !== 1) {
      throw new Error(`game ${gameId}: the bots disagree on the winner`);
    }
    if (results[0]?.winner === "village") count.village++;
    if (options.keepOutcomes) outcomes[index] = outcomeOf(results);
    count.timeouts += timedOut(results);
    for (const r of results) {
      if ("reconnects" in r) count.reconnects += r.reconnects as number;
    }
    if (++count.done % Math.max(1, Math.floor(games / 10)) === 0) {
      const s = (performance.now() - started) / 1000;
      options.progress?.(`${count.done}/${games} games, ${s.toFixed(1)} s`);
    }
  }

  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overtime = new Promise<never>((_, reject) => {
    const late = new Error(`the run exceeded --max-seconds ${maxSeconds}`);
    timer = setTimeout(() => reject(late), maxSeconds * 1000);
  });
  const concurrency = Math.min(options.concurrency, games);
  try {
    // the calls made before the socket opens all go in its first frame
    await client.system.ping.query();
    const workers: Promise<void>[] = [];
    for (let i = 0; i < concurrency; i++) {
      // then the client sends the calls of one tick as one batch (at most
      // 100 a frame): the first createGame calls go out 50 a tick
      if (i > 0 && i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      const worker = (async () => {
        while (next < games) await playOne(next++);
      })();
      worker.catch(() => {}); // seen by Promise.all below, not unhandled meanwhile
      workers.push(worker);
    }
    await Promise.race([Promise.all(workers), overtime]);
  } catch (error) {
    stop.abort(); // the other games' bots leave
    if (!closed?.reason) throw error;
    const { code, reason } = closed;
    throw new Error(`${error}; the admin socket closed (${code} ${reason})`);
  } finally {
    clearTimeout(timer);
    await admin.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = pid === undefined ? null : cpuMs(pid) - serverCpu0;
  const clientCpu = cpuMs(Deno.pid) - clientCpu0;
  return {
    ...gamesFigures({
      games,
      concurrency,
      seconds,
      mutation: mutationMs,
      join: joinMs,
      game: gameMs,
      mutationErrors: count.errors,
      timedOutActions: count.timeouts,
      villageWins: count.village,
      serverCpuMs: serverCpu,
      clientCpuMs: clientCpu,
      pid,
    }),
    reconnects: count.reconnects,
    games_waited: count.waited,
    ...(options.keepOutcomes ? { outcomes } : {}),
    ...(options.keepSamples
      ? {
        samples: {
          mutation: mutationMs.values(),
          join: joinMs.values(),
          game: gameMs.values(),
        },
      }
      : {}),
  };
}

if (import.meta.main) {
  const text = { type: "string" } as const;
  const { values: flags } = parseArgs({
    args: Deno.args,
    options: {
      "engine-only": { type: "boolean" },
      url: text,
      "admin-token": text,
      games: text,
      concurrency: text,
      pid: text,
      seed: text,
      timeout: text,
      "max-seconds": text,
      processes: text,
      "first-index": text,
      client: text,
      samples: { type: "boolean" },
    },
  });
  /** The whole number of flag `name`, at least `min`, or exits. */
  const whole = (name: keyof typeof flags, fallback?: number, min = 1) => {
    const value = flags[name] === undefined ? fallback : Number(flags[name]);
    if (value === undefined || !Number.isInteger(value) || value < min) {
      console.error(`--${name} takes a whole number of ${min} or more`);
      Deno.exit(2);
    }
    return value;
  };
  const games = whole("games", 200);
  const seed = whole("seed", 1, 0);
  if (flags["engine-only"]) {
    console.log(JSON.stringify(runEngineGames({ games, seed })));
    Deno.exit(0);
  }
  if (!flags.url || !flags["admin-token"]) {
    console.error("--url and --admin-token are required (or --engine-only)");
    Deno.exit(2);
  }
  const processes = whole("processes", 1);
  const client = flags.client ?? "wire";
  if (client !== "wire" && client !== "trpc") {
    console.error("--client takes wire or trpc");
    Deno.exit(2);
  }
  try {
    const common = {
      url: flags.url,
      adminToken: flags["admin-token"],
      games,
      concurrency: whole("concurrency", 100),
      seed,
      actionTimeoutMs: whole("timeout", 2000, 20),
      maxSeconds: whole("max-seconds", 300),
      client,
    } as const;
    const pid = flags.pid === undefined ? undefined : whole("pid");
    const result = processes > 1
      ? await runGamesSplit({
        ...common,
        processes,
        pid,
        command: [
          Deno.execPath(),
          "run",
          "-A",
          new URL(import.meta.url).pathname,
        ],
      })
      : await runGames({
        ...common,
        ...(pid === undefined ? {} : { pid }),
        firstIndex: whole("first-index", 0, 0),
        keepSamples: flags.samples === true,
        progress: (line) => console.error(line),
      });
    console.log(JSON.stringify(result));
    Deno.exit(0);
  } catch (error) {
    console.error(`games: ${(error as Error).message}`);
    Deno.exit(1);
  }
}

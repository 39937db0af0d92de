/**
 * `deno task demo`: starts a private server (or, with `--url`, uses a
 * running one, such as `deno task dev`'s, whose page can then watch), creates
 * a game of `--players` seats, runs one scripted bot per seat as separate
 * WebSocket clients and narrates the game as it happens; `--games N
 * --concurrency K` plays N games, K at a time, and prints the win rate per
 * side and the games per second. `deno task demo --help` lists every flag;
 * an unknown one is refused. It exits as soon as the games are over.
 *
 * ```sh
 * deno task demo --players 6 --seed 7 --turn-policy bidding
 * deno task demo --url ws://localhost:8000/trpc --think 800   # watch it on the page
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { type AppRouter, PLAYER_NAMES } from "../src/mod.ts";
import {
  DEFAULT_CONFIG,
  type RunningServer,
  startServer,
} from "../src/server/mod.ts";
import { botStrategy, runAgent, type Strategy } from "../agents/mod.ts";
import { type DemoSettings, pageOf, parseDemoFlags } from "./_demo_flags.ts";
import { narrate } from "./_demo_narrate.ts";

/** The scripted strategy, answering each turn `think` ms late. */
function thinking(seed: number, think: number): Strategy {
  const inner = botStrategy(seed);
  if (think === 0) return inner;
  return {
    async answer(context) {
      await new Promise((resolve) => setTimeout(resolve, think));
      return inner.answer(context);
    },
    fallback: (context) => inner.fallback(context),
  };
}

/** Plays one game on the server at `url`; its winner. */
async function playOne(
  url: string,
  options: { settings: DemoSettings; token?: string; seed: number },
): Promise<"village" | "werewolves"> {
  const { settings, token, seed } = options;
  const narrated = settings.games === 1;
  const ws = createWSClient({
    url,
    connectionParams: {
      clientType: "ui",
      view: "god", // granted by the admin token, or in development mode
      ...(token === undefined ? {} : { token }),
    },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  try {
    const { gameId } = await client.lobby.createGame.mutate({
      name: `Demo ${seed}`,
      players: settings.players,
      seed,
      actionTimeoutMs: settings.timeout,
      turnPolicy: settings.turnPolicy,
      votePolicy: settings.votePolicy,
      locale: settings.locale,
    });
    if (settings.url !== undefined) {
      console.log(`game ${gameId}: watch it at ${pageOf(url, gameId)}`);
    }
    const context = { names: new Map<string, string>(), ...settings };
    const narration = narrated
      ? new Promise<void>((resolve, reject) => {
        const sub = client.game.events.subscribe({ gameId }, {
          onData: ({ data }) => {
            const line = narrate(data, context);
            if (line !== null) console.log(line);
            if (data.type === "game_over") {
              sub.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        });
      })
      : Promise.resolve();
    const results = await Promise.all(
      PLAYER_NAMES.slice(0, settings.players).map((name, i) => {
        const botSeed = seed * 31 + i;
        return runAgent({
          url,
          gameId,
          name,
          seed: botSeed,
          strategy: thinking(botSeed, settings.think),
        });
      }),
    );
    await narration;
    return results[0]?.winner ?? "village";
  } finally {
    await ws.close();
  }
}

/**
 * A private server on a free loopback port. Its keep-alive is off
 * (`pingMs: 0`): its clients are this process, and with it on, Deno's own
 * WebSocket ping (`idleTimeout`, 35 s, armed on every socket) outlives a
 * socket whose closing handshake crossed the server's, keeping the process
 * alive up to 17.5 s after the end.
 */
function privateServer(adminToken: string): Promise<RunningServer> {
  return startServer(
    {
      ...DEFAULT_CONFIG,
      host: "127.0.0.1",
      port: 0,
      adminToken,
      dataDir: ":memory:",
      pingMs: 0,
      wsMaxConnectionsPerIp: 0, // every bot connects from this machine
    },
    { log: () => {} },
  );
}

/**
 * Stops the private server once its clients have left: their sockets
 * closed by themselves (at most 2 s), so the shutdown closes none under
 * them.
 */
async function stop(server: RunningServer): Promise<void> {
  for (let i = 0; i < 200 && server.sockets.size > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await server.shutdown();
}

/** Runs the demo; its exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const flags = parseDemoFlags(args);
  if (flags.kind === "help") {
    console.log(flags.text);
    return 0;
  }
  if (flags.kind === "refused") {
    console.error(flags.message);
    return 2;
  }
  const { settings } = flags;
  const token = settings.url === undefined
    ? crypto.randomUUID()
    : Deno.env.get("ADMIN_TOKEN");
  const server = settings.url === undefined
    ? await privateServer(token!)
    : null;
  const url = settings.url ?? `ws://127.0.0.1:${server!.port}/trpc`;
  try {
    const wins = { village: 0, werewolves: 0 };
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < settings.games) {
          const seed = (settings.seed + next++) % 2 ** 32;
          const opts = token === undefined ? {} : { token };
          wins[await playOne(url, { settings, seed, ...opts })]++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { games, concurrency } = settings;
    console.log(
      `\n${games} game(s) in ${seconds.toFixed(1)} s (${
        (games / seconds).toFixed(2)
      } games/s, concurrency ${concurrency}): ` +
        `village ${(100 * wins.village / games).toFixed(0)}%, werewolves ${
          (100 * wins.werewolves / games).toFixed(0)
        }%`,
    );
    return 0;
  } catch (error) {
    console.error(
      `the demo failed: ${error instanceof Error ? error.message : error}`,
    );
    return 1;
  } finally {
    if (server !== null) await stop(server);
  }
}

if (import.meta.main) {
  const code = await main(Deno.args);
  // success ends with the event loop, which nothing holds any more
  if (code !== 0) Deno.exit(code);
}

/**
 * The lobby scenario, against the full server (`main.ts`): `--games` games
 * of house bots running, then `--connections` clients connect 50 at a time
 * and stay, each opening exactly what the web page opens (`web/app.tsx`,
 * `web/connection.ts`): an `observer` client with `connectionParams`
 * `{ clientType: "observer", view: "god" }` (no client id, no token: a
 * server with `ADMIN_TOKEN` ignores the view), `system.whoami` and
 * `system.ping`, then per side what the page shows:
 * - `lobby` (`web/lobby.tsx`): `lobby.listGames` (one page) and `hub.events`
 *   `{ presence: false }`, and `listGames` again every 3 s as the page
 *   polls and 200 ms after a `phase_update` or `game_state` as it does
 *   (`--poll 0`: no poll; `--presence`: `hub.events` without
 *   `presence: false`, an observer's default, presence);
 * - `spectator` (`web/game_page.tsx`): `game.events` of one running game
 *   (client i watches game i mod `--games`).
 * A client counts as connected once every answer and its subscription's
 * first message arrived. Then `--hold` seconds with every client still
 * connected and the games running. Measures the connect rate (all, and
 * the last 20%), the server's RSS growth and CPU per connection during the
 * connect, its CPU per connection during the hold, and what each client
 * received (frames and characters, from open to the end of the hold).
 *
 * ```sh
 * deno run -A bench/lobby.ts --url ws://127.0.0.1:8000/trpc --admin-token T \
 *   --pid SERVER_PID --side lobby|spectator [--connections 3000] [--games 1] \
 *   [--think-ms 2000] [--hold 5] [--poll 3000]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import { cpuMs, rssBytes } from "./_proc.ts";
import { closeSockets, round, selfCpuMs, sleep, within } from "./_load.ts";
import { type LobbySide, Page } from "./_lobby_page.ts";

export type { LobbySide } from "./_lobby_page.ts";

/** Options of {@linkcode runLobby}. */
export interface LobbyOptions {
  side: LobbySide;
  connections: number;
  /** The server's pid, for its memory and CPU. */
  pid: number;
  /** Running games; spectators spread over them. */
  games: string[];
  /** Seconds every client stays connected after the last one connected. */
  holdS: number;
  /** The lobby's `listGames` poll (ms; 0: none). */
  pollMs: number;
  /**
   * Whether the lobby's `hub.events` leaves `presence` out (an observer's
   * default: presence) instead of `{ presence: false }` as the page does.
   */
  presence?: boolean;
  batch?: number;
  timeoutMs?: number;
}

/** Runs the scenario against the server's tRPC endpoint at `url`. */
export async function runLobby(
  url: string,
  options: LobbyOptions,
): Promise<Record<string, number | string>> {
  const { side, connections, pid, games } = options;
  const batch = options.batch ?? 50;
  const deadline = performance.now() + (options.timeoutMs ?? 300_000);
  const pages: Page[] = [];
  const rss0 = rssBytes(pid);
  const cpu0 = cpuMs(pid);
  const self0 = selfCpuMs();
  const t0 = performance.now();
  const lastFrom = Math.floor(connections * 0.8);
  let lastStart = t0;
  try {
    for (let start = 0; start < connections; start += batch) {
      if (start <= lastFrom && lastFrom < start + batch) {
        lastStart = performance.now();
      }
      const opening: Promise<void>[] = [];
      for (let i = start; i < Math.min(connections, start + batch); i++) {
        opening.push(
          new Promise((resolve, reject) => {
            pages.push(
              new Page(url, {
                side,
                gameId: games[i % games.length]!,
                pollMs: options.pollMs,
                presence: options.presence ?? false,
                settle: (error) => error ? reject(error) : resolve(),
              }),
            );
          }),
        );
      }
      await within(Promise.all(opening), deadline - performance.now());
    }
    const t1 = performance.now();
    const rss1 = rssBytes(pid);
    const cpu1 = cpuMs(pid);
    await sleep(options.holdS * 1000);
    const cpu2 = cpuMs(pid);
    const n = pages.length;
    const frames = pages.reduce((sum, page) => sum + page.frames, 0);
    const chars = pages.reduce((sum, page) => sum + page.chars, 0);
    return {
      scenario: "lobby",
      side: options.presence ? `${side}, presence` : side,
      connections: n,
      closed_by_server: pages.filter((page) => page.closed).length,
      connects_per_s: round(n / ((t1 - t0) / 1000), 1),
      last_connects_per_s: round((n - lastFrom) / ((t1 - lastStart) / 1000), 1),
      kb_per_connection: round((rss1 - rss0) / n / 1024, 1),
      server_cpu_ms_per_connect: round((cpu1 - cpu0) / n, 3),
      hold_cpu_ms_per_connection: round((cpu2 - cpu1) / n, 3),
      frames_per_connection: round(frames / n, 1),
      kb_received_per_connection: round(chars / n / 1024, 2),
      client_cpu_pct: round(
        (selfCpuMs() - self0) / (performance.now() - t0) * 100,
        0,
      ),
    };
  } finally {
    for (const page of pages) page.stop();
    await closeSockets(pages.map((page) => page.socket));
  }
}

/** Creates and starts `count` games of house bots; their ids. */
async function startGames(
  url: string,
  opts: { adminToken: string; count: number; thinkMs: number },
): Promise<string[]> {
  const admin = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: opts.adminToken },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: admin, transformer: superjson })],
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < opts.count; i++) {
      const { gameId } = await client.lobby.createGame.mutate({
        name: `Lobby ${i}`,
        players: 8,
        seed: i + 1,
        houseBots: "fill",
        houseBotThinkMs: opts.thinkMs,
        actionTimeoutMs: 60_000,
      });
      await client.game.start.mutate({ gameId });
      ids.push(gameId);
    }
    return ids;
  } finally {
    await admin.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      url: { type: "string" },
      "admin-token": { type: "string" },
      pid: { type: "string" },
      side: { type: "string", default: "lobby" },
      connections: { type: "string", default: "3000" },
      games: { type: "string", default: "1" },
      "think-ms": { type: "string", default: "2000" },
      hold: { type: "string", default: "5" },
      poll: { type: "string", default: "3000" },
      presence: { type: "boolean", default: false },
    },
  });
  const side = values.side;
  if (
    !values.url || !values["admin-token"] || !values.pid ||
    (side !== "lobby" && side !== "spectator")
  ) {
    console.error("--url, --admin-token, --pid and --side lobby|spectator");
    Deno.exit(2);
  }
  const games = await startGames(values.url, {
    adminToken: values["admin-token"],
    count: Number(values.games),
    thinkMs: Number(values["think-ms"]),
  });
  const result = await runLobby(values.url, {
    side,
    connections: Number(values.connections),
    pid: Number(values.pid),
    games,
    holdS: Number(values.hold),
    pollMs: Number(values.poll),
    presence: values.presence,
  });
  console.log(JSON.stringify(result));
}

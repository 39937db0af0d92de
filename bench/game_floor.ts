/**
 * The transport's floor for one game: `bench/servers/raw_game.ts` (a bare
 * Deno WebSocket server, no framework, no rules, no store) carrying the
 * frames of an 8-player bot game as our server does (`bench/game_counts.ts`
 * on `main.ts`: 8 connections, about 83 calls and 940 frames out per game),
 * `games` games, `concurrency` at once, the bots on lean wire-level
 * sockets. Each game opens its 8 seats (one connection each, with a
 * `connectionParams` frame answered by a `started`, as the bench's bots
 * open theirs), plays
 * {@linkcode ACTIONS} actions in turn (seat `a % 8` acts; it gets the
 * answer, every seat one public event, {@linkcode PRIVATES} or one more
 * seats one private event each), then closes them. Prints one JSON line:
 * the server's CPU per game (user + system, from `/proc`), the frames per
 * game, games/s and the load's own CPU.
 *
 * The server runs on core 0 (`taskset`, as every benchmark server); `deno
 * task bench --only games` runs this as the `raw` side of the games
 * scenario, on core 1 like the other load scripts.
 *
 * ```sh
 * taskset -c 1 deno run -A bench/game_floor.ts [--games 300] [--concurrency 100]
 * ```
 * @module
 */
import { cpuMs } from "./_proc.ts";
import { round, selfCpuMs } from "./_load.ts";
import { startServer } from "./_processes.ts";
import { WireSocket } from "./_wire_socket.ts";
import { numberFlag } from "./load.ts";

/** Calls per game (joins, `say`, `vote`, `act`: H1's count, 83.4). */
export const ACTIONS = 83;
/** Private events per action at least (H1: 859 deliveries = 83 × 8 public + about 195 private). */
export const PRIVATES = 2;
/** The chance of one more private event for an action (83 × 2.35 ≈ 195). */
const MORE = 0.35;
const SEATS = 8;

/** What {@linkcode runGameFloor} measured. */
export interface GameFloorResult {
  scenario: "game_floor";
  games: number;
  concurrency: number;
  frames_out_per_game: number;
  frames_in_per_game: number;
  games_per_s: number;
  server_cpu_ms_per_game: number;
  client_cpu_pct: number;
}

/** A seeded generator (a linear congruential one), so every run plays the same games. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Game `game`'s script: for each action in turn, the seats given a private
 * event (seeded: every run plays the same games).
 */
export function scriptOf(game: number): number[][] {
  const next = random(game + 1);
  return Array.from({ length: ACTIONS }, () => {
    const count = PRIVATES + (next() < MORE ? 1 : 0);
    return Array.from({ length: count }, () => Math.floor(next() * SEATS));
  });
}

/** The frames the server sends in game `game`: each seat's `started`, then per action the answer, the public event and the private ones. */
export function framesOf(game: number): number {
  return scriptOf(game).reduce(
    (sum, privates) => sum + 1 + SEATS + privates.length,
    SEATS,
  );
}

/** One game on the server at `url`; resolves with the frames it received. */
async function playGame(url: string, game: number): Promise<number> {
  let received = 0;
  let expected = 0;
  let wake = (): void => {};
  const onText = (): void => {
    if (++received >= expected) wake();
  };
  const seats = await Promise.all(
    Array.from(
      { length: SEATS },
      (_, seat) =>
        WireSocket.open(`${url}/?game=g${game}&seat=${seat}`, onText),
    ),
  );
  expected = SEATS; // each seat's `started`
  const seated = new Promise<void>((resolve) => (wake = resolve));
  for (const socket of seats) {
    socket.send('{"method":"connectionParams","data":{"clientType":"agent"}}');
  }
  if (received < expected) await seated;
  for (const [action, privates] of scriptOf(game).entries()) {
    expected += 1 + SEATS + privates.length;
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    seats[action % SEATS]!.send(JSON.stringify({
      id: action + 2,
      method: "mutation",
      params: { path: "game.act", input: { json: { private: privates } } },
    }));
    if (received < expected) await arrived;
  }
  await Promise.all(seats.map((socket) => socket.close()));
  return received;
}

/** Plays `games` games, `concurrency` at once, against `url`; `pid` is the server's. */
export async function runGameFloor(
  url: string,
  options: { games: number; concurrency: number; pid: number },
): Promise<GameFloorResult> {
  const { games, concurrency, pid } = options;
  await playGame(url, -1); // warm-up, not measured
  const cpu0 = cpuMs(pid);
  const self0 = selfCpuMs();
  const started = performance.now();
  let begun = 0;
  let frames = 0;
  const worker = async (): Promise<void> => {
    while (begun < games) {
      const got = await playGame(url, begun++);
      frames += got;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    scenario: "game_floor",
    games,
    concurrency,
    frames_out_per_game: round(frames / games, 1),
    frames_in_per_game: SEATS + ACTIONS, // connectionParams, actions
    games_per_s: round(games / seconds, 1),
    server_cpu_ms_per_game: round((cpuMs(pid) - cpu0) / games, 2),
    client_cpu_pct: round((selfCpuMs() - self0) / (seconds * 10), 1),
  };
}

if (import.meta.main) {
  const games = numberFlag(Deno.args, "games", 300);
  const concurrency = numberFlag(Deno.args, "concurrency", 100);
  const server = await startServer([
    Deno.execPath(),
    "run",
    "-A",
    new URL("./servers/raw_game.ts", import.meta.url).pathname,
  ]);
  try {
    const result = await runGameFloor(server.url, {
      games,
      concurrency: Math.min(concurrency, games),
      pid: server.pid,
    });
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
  }
}

import {
  type GameEventOf,
  HOUSE_BOT_THINK_MS,
  PLAYER_NAMES,
  type PlayerId,
} from "../contract/mod.ts";
import { type Command, nameRefusal } from "../engine/mod.ts";
import { BotMind, seededRandom } from "./_bot_mind.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { GameRoom } from "./game_room.ts";
import type { GameService } from "./game_service.ts";

/** The names house bots take, in order (a taken name is skipped). */
export const HOUSE_BOT_NAMES: readonly string[] = PLAYER_NAMES;

/**
 * The agent label a house bot's seat carries in the log: `house-bot/` and
 * its think time in ms, so an instance that takes the game over (or a
 * restart) knows which seats to play and how.
 */
export function houseBotLabel(thinkMs: number): string {
  return `house-bot/${thinkMs}`;
}

/** The think time a {@linkcode houseBotLabel} says, or null for another label. */
export function houseBotThinkMs(label: string | undefined): number | null {
  const match = /^house-bot\/(\d+)$/.exec(label ?? "");
  return match === null ? null : Number(match[1]);
}

/** Options of {@linkcode seatHouseBots}. */
export interface HouseBotOptions {
  /** How many seats to take (fewer if the table fills meanwhile). */
  count: number;
  /**
   * About how long a bot thinks before each move, in ms (0.5× to 1.5×).
   * Default `HOUSE_BOT_THINK_MS.default` (1200).
   */
  thinkMs?: number;
  /** Seeds the bots' choices. Default 1. */
  seed?: number;
  /** Time and timers. Default: the system clock. */
  clock?: Clock;
  /** Makes the bots leave (the game went to another instance). */
  signal?: AbortSignal | undefined;
}

/** Bots seated by {@linkcode seatHouseBots}. */
export interface HouseBots {
  /** Their seats, in order. */
  players: PlayerId[];
  /** Resolves once every bot has left (game over, or the room closed). */
  finished: Promise<void>;
}

/**
 * Seats `count` house bots in a waiting game: scripted players that run
 * inside the server, each reading its own view of the game (as its seat
 * would over a socket) and answering every turn through the game's command
 * queue after a short think. They hold no socket and no seat token, and
 * stop at `game_over` or when the room closes (their timers with them).
 * A game's last seat starts it, so a full table of bots plays on its own.
 * When the table fills or the game starts while they sit down (agents
 * joining at the same time), the bots seated so far play and the others
 * stay out.
 */
export async function seatHouseBots(
  games: GameService,
  gameId: string,
  options: HouseBotOptions,
): Promise<HouseBots> {
  const room = games.room(gameId);
  const names = [
    ...HOUSE_BOT_NAMES,
    ...HOUSE_BOT_NAMES.map((name) => `${name} II`),
  ].filter((name) => nameRefusal(name, room.state.players) === null)
    .slice(0, options.count);
  const rand = seededRandom(options.seed ?? 1);
  const thinkMs = options.thinkMs ?? HOUSE_BOT_THINK_MS.default;
  const agent = houseBotLabel(thinkMs);
  const players: PlayerId[] = [];
  const running: Promise<void>[] = [];
  for (const name of names) {
    const joined = games.join(gameId, name, { agent });
    const seat = await joined.catch((error: unknown) => {
      const { phase, players, settings } = room.state;
      if (phase !== "lobby" || players.length >= settings.players) return null;
      throw error;
    });
    if (seat === null) break; // the table filled meanwhile
    const playerId = seat.playerId as PlayerId;
    players.push(playerId);
    running.push(playHouseBot(room, playerId, {
      clock: options.clock ?? systemClock,
      thinkMs,
      rand: seededRandom(Math.floor(rand() * 2 ** 32)),
      signal: options.signal,
    }));
  }
  return { players, finished: Promise.all(running).then(() => {}) };
}

/**
 * Plays again the house bots of a game this instance now runs (it took
 * the game over, or resumed it after a restart): every seat whose
 * `player_joined` carries a {@linkcode houseBotLabel}, at its think time.
 * Each reads its view of the game from the start and answers the turn it
 * is awaited for now, then the next ones; none for an ended game.
 */
export function replayHouseBots(
  room: GameRoom,
  options: { clock?: Clock; signal?: AbortSignal | undefined } = {},
): HouseBots {
  const rand = seededRandom(room.state.seed + room.state.seq);
  const players: PlayerId[] = [];
  const running: Promise<void>[] = [];
  for (const event of room.state.phase === "ended" ? [] : room.log) {
    if (event.type !== "player_joined") continue;
    const thinkMs = houseBotThinkMs(event.agent);
    if (thinkMs === null) continue;
    const me = event.player_id as PlayerId;
    players.push(me);
    running.push(playHouseBot(room, me, {
      clock: options.clock ?? systemClock,
      thinkMs,
      rand: seededRandom(Math.floor(rand() * 2 ** 32)),
      signal: options.signal,
      caughtUpAt: room.viewerSeq(
        { kind: "player", player_id: me },
        room.state.seq,
      ),
    }));
  }
  return { players, finished: Promise.all(running).then(() => {}) };
}

/**
 * One bot: follows its view of the game and answers its turns. With
 * `caughtUpAt` (its own seq of the last event when it sat down again), a
 * `your_turn` up to there is answered only if it is still awaited.
 */
async function playHouseBot(
  room: GameRoom,
  me: PlayerId,
  opts: {
    clock: Clock;
    thinkMs: number;
    rand: () => number;
    signal?: AbortSignal | undefined;
    caughtUpAt?: number;
  },
): Promise<void> {
  const { clock, thinkMs, rand, caughtUpAt = 0 } = opts;
  const mind = new BotMind(me, rand);
  const timers = new Set<() => void>();
  const stop = new AbortController();
  if (opts.signal?.aborted) return;
  opts.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const later = (ms: number, fn: () => void) => {
    if (stop.signal.aborted) return; // the bot has left the game
    const cancel = clock.setTimer(clock.now() + ms, () => {
      timers.delete(cancel);
      fn();
    });
    timers.add(cancel);
  };
  const think = () => Math.round(thinkMs * (0.5 + rand()));
  const play = (turn: GameEventOf<"your_turn">) => {
    // decided when the think is over: it knows what the others said meanwhile
    const moves = mind.movesFor(turn);
    const next = (index: number) => {
      const move = moves[index];
      if (move === undefined) return;
      const at = clock.now();
      const command: Command = { ...move, at, player_id: me };
      room.submit(command)
        .catch(() => {}) // the turn passed meanwhile: nothing to do
        .then(() => later(Math.round(think() / 3), () => next(index + 1)));
    };
    next(0);
  };
  try {
    const viewer = { kind: "player", player_id: me } as const;
    for await (
      const { event } of room.subscribe(viewer, { signal: stop.signal })
    ) {
      mind.learn(event);
      if (event.type === "game_over") break;
      if (event.type !== "your_turn" || event.player_id !== me) continue;
      if (
        event.seq <= caughtUpAt && room.awaitedTurn(me, null)?.seq !== event.seq
      ) continue; // answered before the bot sat down again
      later(think(), () => play(event));
    }
  } catch {
    // a subscription cut off (too far behind): the deadlines play for it
  } finally {
    stop.abort();
    for (const cancel of timers) cancel();
    timers.clear();
  }
}

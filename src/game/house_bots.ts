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
  const players: PlayerId[] = [];
  const running: Promise<void>[] = [];
  for (const name of names) {
    const seat = await games.join(gameId, name).catch((error: unknown) => {
      const { phase, players, settings } = room.state;
      if (phase !== "lobby" || players.length >= settings.players) return null;
      throw error;
    });
    if (seat === null) break; // the table filled meanwhile
    const playerId = seat.playerId as PlayerId;
    players.push(playerId);
    running.push(playHouseBot(room, playerId, {
      clock: options.clock ?? systemClock,
      thinkMs: options.thinkMs ?? HOUSE_BOT_THINK_MS.default,
      rand: seededRandom(Math.floor(rand() * 2 ** 32)),
    }));
  }
  return { players, finished: Promise.all(running).then(() => {}) };
}

/** One bot: follows its view of the game and answers its turns. */
async function playHouseBot(
  room: GameRoom,
  me: PlayerId,
  opts: { clock: Clock; thinkMs: number; rand: () => number },
): Promise<void> {
  const { clock, thinkMs, rand } = opts;
  const mind = new BotMind(me, rand);
  const timers = new Set<() => void>();
  const stop = new AbortController();
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
      if (event.type === "your_turn" && event.player_id === me) {
        later(think(), () => play(event));
      }
    }
  } catch {
    // a subscription cut off (too far behind): the deadlines play for it
  } finally {
    stop.abort();
    for (const cancel of timers) cancel();
    timers.clear();
  }
}

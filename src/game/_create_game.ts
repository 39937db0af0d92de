/**
 * What `GameService.create` sends the engine: the new game's id, the
 * check of its `houseBots`, and its `create` command from the input.
 * @module
 */
import { type CreateGameInput, HOUSE_BOTS_FILL } from "../contract/mod.ts";
import type { Command } from "../engine/mod.ts";
import { GameError } from "./game_error.ts";
import type { GameRoom } from "./game_room.ts";
import { GAME_DEFAULTS } from "./service_options.ts";

/** The settings of `input` that are given (the engine defaults the rest). */
export function given<T extends object>(
  input: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** A new game's id: `g-` and 12 random hex digits. */
export function newGameId(): string {
  return `g-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** Throws BAD_REQUEST when `houseBots` asks for more seats than the game has. */
export function refuseHouseBots(input: CreateGameInput): void {
  const { houseBots = 0, players } = input;
  if (houseBots === HOUSE_BOTS_FILL || houseBots <= players) return;
  throw new GameError(
    "BAD_REQUEST",
    `houseBots is ${houseBots} but the game has ${players} seats: give at most ${players} (every seat a house bot), or "${HOUSE_BOTS_FILL}" to fill the seats still empty when the game is started`,
  );
}

/**
 * Whether the instance already leads `max` games not ended, out of
 * `running` (the rooms not ended; followers of another instance's games do
 * not count). `max` 0: no limit, never full. Stops counting at `max`.
 */
export function isFull(running: Iterable<GameRoom>, max: number): boolean {
  if (max <= 0) return false;
  let led = 0;
  for (const room of running) {
    if (!room.following && ++led >= max) return true;
  }
  return false;
}

/** The refusal of a game over the limit of {@linkcode isFull}. */
export function fullError(max: number): GameError {
  return new GameError(
    "SERVICE_UNAVAILABLE",
    `This server already plays ${max} games that have not ended, the most it takes at once (MAX_GAMES_IN_PLAY): create the game again when one of them ends, or on another instance.`,
  );
}

/**
 * The engine's `create` command of `input` at `at` (epoch ms), the
 * service's defaults for what the input leaves out (`maxSayChars`: the
 * server's `MAX_SAY_CHARS`).
 */
export function createCommand(
  input: CreateGameInput,
  opts: { gameId: string; seed: number; at: number; maxSayChars: number },
): Command {
  const { gameId, seed, at } = opts;
  return {
    type: "create",
    at,
    gameId,
    name: input.name ?? `Game ${gameId.slice(2, 8)}`,
    seed,
    players: input.players,
    ...(input.roles === undefined ? {} : { roles: input.roles }),
    ...(input.deal === undefined ? {} : { deal: input.deal }),
    actionTimeoutMs: input.actionTimeoutMs ?? GAME_DEFAULTS.actionTimeoutMs,
    ...given({
      discussionRounds: input.discussionRounds,
      turnPolicy: input.turnPolicy,
      votePolicy: input.votePolicy,
      maxTurns: input.maxTurns,
      talkCapPerDay: input.talkCapPerDay,
      locale: input.locale,
    }),
    autoStart: input.autoStart ?? GAME_DEFAULTS.autoStart,
    maxSayChars: input.maxSayChars ?? opts.maxSayChars,
  };
}

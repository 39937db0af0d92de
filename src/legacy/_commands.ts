import type { LegacyCommand } from "../contract/mod.ts";
import type { appRouter } from "../api/router.ts";

type Caller = ReturnType<typeof appRouter.createCaller>;
type In<F extends (input: never) => unknown> = Parameters<F>[0];

/** How a legacy command runs: its procedure's path and the call. */
export interface CommandRoute {
  /** The typed procedure, e.g. `game.vote`. */
  path: string;
  /** Calls it; the procedure validates `input` with its own schema. */
  run(caller: Caller, input: Record<string, unknown>): Promise<unknown>;
}

/**
 * Every legacy command and the procedure it runs, so that its answers and
 * errors are the typed API's. `watch_game` answers with `game.state` (the
 * caller's view) and then follows the game.
 */
export const COMMANDS: Record<LegacyCommand, CommandRoute> = {
  create_game: {
    path: "lobby.createGame",
    run: (c, input) =>
      c.lobby.createGame(input as In<typeof c.lobby.createGame>),
  },
  list_games: {
    path: "lobby.listGames",
    run: (c, input) => c.lobby.listGames(input as In<typeof c.lobby.listGames>),
  },
  join_game: {
    path: "lobby.join",
    run: (c, input) => c.lobby.join(input as In<typeof c.lobby.join>),
  },
  watch_game: {
    path: "game.state",
    run: (c, input) => c.game.state(input as In<typeof c.game.state>),
  },
  start_game: {
    path: "game.start",
    run: (c, input) => c.game.start(input as In<typeof c.game.start>),
  },
  get_state: {
    path: "game.state",
    run: (c, input) => c.game.state(input as In<typeof c.game.state>),
  },
  get_transcript: {
    path: "game.transcript",
    run: (c, input) => c.game.transcript(input as In<typeof c.game.transcript>),
  },
  say: {
    path: "game.say",
    run: (c, input) => c.game.say(input as In<typeof c.game.say>),
  },
  vote: {
    path: "game.vote",
    run: (c, input) => c.game.vote(input as In<typeof c.game.vote>),
  },
  act: {
    path: "game.act",
    run: (c, input) => c.game.act(input as In<typeof c.game.act>),
  },
  bid: {
    path: "game.bid",
    run: (c, input) => c.game.bid(input as In<typeof c.game.bid>),
  },
};

/** The commands that act in a game: `gameId` defaults to the followed game. */
export const IN_GAME: ReadonlySet<LegacyCommand> = new Set([
  "say",
  "vote",
  "act",
  "bid",
  "get_state",
  "get_transcript",
  "start_game",
]);

/** The commands after which the connection follows the game. */
export const FOLLOWS: ReadonlySet<LegacyCommand> = new Set([
  "join_game",
  "watch_game",
]);

/**
 * A game of house bots with one seat (p1) played by a scripted agent over
 * the socket that holds back its speech, vote and bid until the test lets
 * it answer: what the turn policies keep hidden until everyone has
 * answered (held speeches, votes, bids) then stays on the page for as long
 * as the test looks at it.
 * @module
 */
import { botStrategy, runAgent, type Strategy } from "../agents/mod.ts";
import type { GameRoom } from "../src/game/mod.ts";
import { seatHouseBots } from "../src/game/mod.ts";
import type { CreateGameInput, Request } from "../src/mod.ts";
import { type TestServer, waitFor } from "./_helpers.ts";

/** The requests the held seat waits on until released. */
type Held = Extract<Request, "speak" | "vote" | "bid">;

/** A running game with a held seat; `await using` stops its agent. */
export interface HeldSeatGame extends AsyncDisposable {
  gameId: string;
  room: GameRoom;
  /** Lets the seat answer `request` (now and from then on). */
  release(request: Held): void;
}

/** Starts the game of `settings` (8 seats: p1 held, 7 house bots). */
export async function heldSeatGame(
  test: TestServer,
  settings: Omit<CreateGameInput, "players">,
): Promise<HeldSeatGame> {
  const { gameId } = await test.server.games.create({
    players: 8,
    actionTimeoutMs: 30_000,
    ...settings,
  });
  const room = test.server.games.room(gameId);
  const waiting = new Map<Held, (() => void)[]>([
    ["speak", []],
    ["vote", []],
    ["bid", []],
  ]);
  const base = botStrategy(3);
  const strategy: Strategy = {
    async answer(context) {
      const queue = waiting.get(context.turn.request as Held);
      if (queue !== undefined) {
        await new Promise<void>((resolve) => queue.push(resolve));
      }
      return base.answer(context);
    },
    fallback: base.fallback,
  };
  const release = (request: Held) => {
    const queue = waiting.get(request);
    waiting.delete(request);
    for (const resolve of queue ?? []) resolve();
  };
  const stop = new AbortController();
  const agent = runAgent({
    url: test.wsUrl,
    gameId,
    name: "Held",
    strategy,
    signal: stop.signal,
  }).catch(() => null); // stopped by the test, or the game's end
  await waitFor(() => room.state.players.length === 1, "the held seat");
  await seatHouseBots(test.server.games, gameId, {
    count: 7,
    thinkMs: 100,
    seed: 5,
  });
  return {
    gameId,
    room,
    release,
    async [Symbol.asyncDispose]() {
      for (const request of [...waiting.keys()]) release(request);
      stop.abort();
      await agent;
    },
  };
}

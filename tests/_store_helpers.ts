/**
 * What the game store's tests share (`store_test.ts` and the other
 * `store_*_test.ts`): a game's row, a numbered event, and every store to
 * run the same tests against.
 * @module
 */
import type { GameEvent, GameSummary } from "../src/contract/mod.ts";
import { type GameStore, MemoryGameStore } from "../src/game/mod.ts";
import { SqliteGameStore } from "../src/store/mod.ts";
import { REDIS_AVAILABLE, redisStore } from "./_redis.ts";

/** A game's row of `status` (5 players, none joined; `ended`: the village won). */
export function summary(
  gameId: string,
  status: GameSummary["status"],
): GameSummary {
  return {
    gameId,
    name: gameId,
    status,
    players: 5,
    joined: 0,
    day: 0,
    phase: status === "ended" ? "ended" : "lobby",
    winner: status === "ended" ? "village" : null,
  };
}

/** A `player_joined` event of sequence number `seq` (at `1000 + seq`). */
export function joined(seq: number): GameEvent {
  return {
    type: "player_joined",
    seq,
    at: 1000 + seq,
    player_id: `p${seq}`,
    name: `P${seq}`,
  } as unknown as GameEvent;
}

/** Every store; the Redis one only where redis-server runs (see `_redis.ts`). */
export const STORES: [string, () => GameStore | Promise<GameStore>][] = [
  ["MemoryGameStore", () => new MemoryGameStore()],
  ["SqliteGameStore", () => new SqliteGameStore(":memory:")],
  ...(REDIS_AVAILABLE
    ? [
      ["RedisGameStore", () => redisStore()] as [
        string,
        () => Promise<GameStore>,
      ],
    ]
    : []),
];

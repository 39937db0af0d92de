/**
 * Several `main.ts` instances on one test redis-server (each its own
 * INSTANCE_ID, port and DATA_DIR), and a spectator that collects a game's
 * events from one of them, for the cluster tests.
 * @module
 */
import type { GameEvent } from "../src/mod.ts";
import { type TestClient, within } from "./_helpers.ts";
import { freePort, type MainProcess, startMain } from "./_main_process.ts";
import { startRedis, type TestRedis } from "./_redis.ts";

export const ADMIN = "admin-secret";

/** Instances `c1…cN` on one Redis; `await using` stops them all. */
export interface TestCluster extends AsyncDisposable {
  redis: TestRedis;
  servers: MainProcess[];
  /** The tRPC WebSocket URL of instance `i` (0-based). */
  url(i: number): string;
}

/** Starts a redis-server and `count` instances on it (`env` added to each). */
export async function startCluster(
  count: number,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const redis = await startRedis();
  const dirs: string[] = [];
  const servers: MainProcess[] = [];
  const dispose = async () => {
    await Promise.all(servers.map((server) => server.stop("SIGKILL")));
    await redis.stop();
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
    await redis[Symbol.asyncDispose]();
  };
  try {
    for (let i = 0; i < count; i++) {
      const dir = await Deno.makeTempDir({ prefix: "lg-cluster-" });
      dirs.push(dir);
      servers.push(
        await startMain({
          WS_HOST: "127.0.0.1",
          WS_PORT: String(freePort()),
          DATA_DIR: dir,
          ADMIN_TOKEN: ADMIN,
          WS_RATE_LIMIT: "0",
          REDIS_URL: redis.url,
          INSTANCE_ID: `c${i + 1}`,
          ...env,
        }),
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    redis,
    servers,
    url: (i) => `ws://127.0.0.1:${servers[i]!.port}/trpc`,
    [Symbol.asyncDispose]: dispose,
  };
}

/** A client's subscription to `game.events`, collecting until `game_over`. */
export interface Watch extends AsyncDisposable {
  /** The events so far, with their tracked ids. */
  events: { id: string; event: GameEvent }[];
  /** Resolves when `game_over` came (rejects on a subscription error). */
  over: Promise<void>;
}

/** Subscribes `client` to `gameId`'s events (after `lastEventId`). */
export function watch(
  client: TestClient,
  gameId: string,
  lastEventId: string | null = null,
): Watch {
  const events: Watch["events"] = [];
  let subscription: { unsubscribe(): void } | null = null;
  const over = new Promise<void>((resolve, reject) => {
    subscription = client.trpc.game.events.subscribe({
      gameId,
      lastEventId,
    }, {
      onData: ({ id, data }) => {
        events.push({ id, event: data as GameEvent });
        if ((data as GameEvent).type === "game_over") resolve();
      },
      onError: reject,
    });
  });
  return {
    events,
    over,
    [Symbol.asyncDispose]: () => {
      (subscription as { unsubscribe(): void } | null)?.unsubscribe();
      return Promise.resolve();
    },
  };
}

/** What `client` is served of `gameId` from the start, read after its end. */
export async function replayed(
  client: TestClient,
  gameId: string,
): Promise<GameEvent[]> {
  await using all = watch(client, gameId);
  await within(all.over, 20_000, "the replay of the ended game");
  return all.events.map((item) => item.event);
}

/**
 * A real `redis-server` (Debian's package) for the tests, started as
 * `bench/_redis_server.ts` starts one: on a free loopback port, in a temp
 * dir, with the append-only file on and `appendfsync always` (what the
 * README requires). Without `redis-server`
 * the Redis tests are skipped with a message, unless `REDIS_REQUIRED=1`
 * (CI: `.ci/run` installs it) makes that an error.
 * @module
 */

import { freePort, spawnRedis } from "../bench/_redis_server.ts";
import { RedisGameStore, type RedisStoreOptions } from "../src/redis/mod.ts";

/** Whether `redis-server` can be run here. */
export const REDIS_AVAILABLE = (() => {
  try {
    const { success } = new Deno.Command("redis-server", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return success;
  } catch {
    return false;
  }
})();

if (!REDIS_AVAILABLE) {
  if (Deno.env.get("REDIS_REQUIRED") === "1") {
    throw new Error(
      "redis-server was not found but REDIS_REQUIRED=1: apt-get install -y redis-server",
    );
  }
  console.warn(
    "redis-server was not found, so the Redis tests are ignored (apt-get install -y redis-server runs them).",
  );
}

/** A running redis-server; `await using` stops it and removes its dir. */
export interface TestRedis extends AsyncDisposable {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** Stops the server (SIGTERM, then waits for it). */
  stop(): Promise<void>;
  /** Starts it again on the same port and dir (its AOF reloaded). */
  restart(): Promise<void>;
}

/** Starts a redis-server; rejects if it does not answer PING within 10 s. */
export async function startRedis(): Promise<TestRedis> {
  const dir = await Deno.makeTempDir({ prefix: "lg-redis-" });
  const port = freePort();
  let child: Deno.ChildProcess | null = null;
  const start = async () => {
    child = await spawnRedis(port, dir);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running === null) return;
    running.kill("SIGTERM");
    await running.status;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    [Symbol.asyncDispose]: async () => {
      await stop();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * A {@linkcode RedisGameStore} on a redis-server of its own: closing the
 * store also stops the server.
 */
export async function redisStore(
  options: Partial<RedisStoreOptions> = {},
): Promise<RedisGameStore> {
  const redis = await startRedis();
  const store = await RedisGameStore.connect({ url: redis.url, ...options });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await redis[Symbol.asyncDispose]();
  };
  return store;
}

/**
 * Declares test `name` twice: on a SQLite `DATA_DIR` of its own (a temp
 * dir, removed after) and on a redis-server of its own (`REDIS_URL`,
 * ignored without `redis-server`). `fn` gets the store's settings, the
 * same for every server it starts (a restart finds what it wrote).
 */
export function storeTest(
  name: string,
  fn: (store: { dataDir: string; redisUrl?: string }) => Promise<void>,
): void {
  Deno.test(`${name} (SQLite)`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "lg-store-" });
    try {
      await fn({ dataDir: dir });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  Deno.test({
    name: `${name} (Redis)`,
    ignore: !REDIS_AVAILABLE,
    async fn() {
      await using redis = await startRedis();
      await fn({ dataDir: ":memory:", redisUrl: redis.url });
    },
  });
}

import type { GameCluster, GameStore, TournamentStore } from "../game/mod.ts";
import { SqliteGameStore } from "../store/mod.ts";
import type { ServerConfig } from "./config.ts";

/** The database file's name inside `DATA_DIR`. */
export const DATABASE_FILE = "loup-garou.db";

/** The store the server opened and where it keeps the games, for the log. */
export interface OpenedStore {
  /** The games' store. */
  store: GameStore;
  /**
   * The tournaments' store: the SQLite database's tables; with Redis, its
   * keys on the same Redis (every instance reads and plays every
   * tournament; `DATA_DIR` is not used).
   */
  tournaments: TournamentStore;
  /** Closes both stores. */
  close(): Promise<void>;
  /** Where: a path, `memory`, or the Redis URL (its password hidden) and instance. */
  where: string;
  /**
   * Whether each commit writes a file (SQLite in `DATA_DIR`, its sync per
   * transaction): the server then groups a whole turn of the event loop's
   * commands in each commit (`nextTurn`). Memory and Redis: false.
   */
  onDisk: boolean;
  /** The instances sharing the store (Redis), or undefined: this one alone. */
  cluster?: GameCluster | undefined;
  /**
   * Why the server cannot serve games now (`/ready` answers 503 with it),
   * or null: with Redis, while its client is disconnected.
   */
  unready(): string | null;
}

/**
 * Opens the games' store: Redis with `REDIS_URL` (rejects with an Error
 * naming the URL when it cannot be reached), else the games database of
 * `DATA_DIR` (creating the directory), or an in-memory one for `:memory:`
 * (throws an Error saying which path failed and why).
 */
export async function openStore(
  config: Pick<
    ServerConfig,
    "dataDir" | "dataSync" | "redisUrl" | "gameLeaseMs" | "instanceId"
  >,
  onRedisError: (error: unknown) => void = () => {},
): Promise<OpenedStore> {
  if (config.redisUrl !== undefined) {
    // loaded only here: a server without Redis saves the redis package's
    // 10 MB of resident memory and 0.3 s of start-up (BENCHMARKS.md)
    const { hidePassword, RedisGameStore } = await import("../redis/mod.ts");
    const store = await RedisGameStore.connect({
      url: config.redisUrl,
      leaseMs: config.gameLeaseMs,
      ...(config.instanceId === undefined
        ? {}
        : { instanceId: config.instanceId }),
      onError: onRedisError,
    });
    let cluster: GameCluster;
    try {
      cluster = await store.cluster();
    } catch (error) {
      await store.close();
      throw error;
    }
    return {
      store,
      tournaments: store.tournaments,
      onDisk: false,
      cluster,
      unready: () =>
        store.connected
          ? null
          : `Redis at ${
            hidePassword(config.redisUrl!)
          } (REDIS_URL) is unreachable: games cannot be played here until it is back`,
      close: () => store.close(),
      where: `Redis ${
        hidePassword(config.redisUrl)
      } (instance ${store.instanceId}, REDIS_URL; games and tournaments)`,
    };
  }
  const { store, where } = sqliteOf(config);
  return {
    store,
    tournaments: store.tournaments,
    onDisk: config.dataDir !== ":memory:",
    unready: () => null,
    close: () => Promise.resolve(store.close()),
    where,
  };
}

/** Where the SQLite store of `config` is, for the log. */
function sqliteWhere(config: Pick<ServerConfig, "dataDir">): string {
  if (config.dataDir === ":memory:") return "memory (DATA_DIR=:memory:)";
  const dir = config.dataDir.replace(/\/+$/, "") || "/";
  return `${dir}/${DATABASE_FILE} (DATA_DIR=${config.dataDir})`;
}

/**
 * The SQLite store of `DATA_DIR` (creating the directory), or an in-memory
 * one for `:memory:`. Throws an Error saying which path failed and why.
 */
function sqliteOf(
  config: Pick<ServerConfig, "dataDir" | "dataSync">,
): { store: SqliteGameStore; where: string } {
  const where = sqliteWhere(config);
  if (config.dataDir === ":memory:") {
    return { store: new SqliteGameStore(":memory:"), where };
  }
  const dir = config.dataDir.replace(/\/+$/, "") || "/";
  const path = `${dir}/${DATABASE_FILE}`;
  try {
    Deno.mkdirSync(dir, { recursive: true });
    return {
      store: new SqliteGameStore(path, { sync: config.dataSync }),
      where,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot open the games database ${path} (DATA_DIR=${config.dataDir}): ${reason}`,
      { cause: error },
    );
  }
}

import type { GameEvent, GameRow, GameSummary } from "../contract/mod.ts";
import type {
  CommitBatch,
  GameStore,
  ListOptions,
  Seat,
  StoredOutcome,
} from "../game/mod.ts";
import { Leases } from "./_leases.ts";
import { LeaseLostError, scriptError } from "./lease_lost_error.ts";
import { gameKeys, globalKeys, STATUSES } from "./_keys.ts";
import { COMMIT, DELETE_ENDED } from "./_scripts.ts";
import { RedisCluster } from "./redis_cluster.ts";
import { clientOf, hidePassword } from "./_client.ts";
import { RedisTournamentStore } from "./redis_tournaments.ts";

export { hidePassword };

/** Options of {@linkcode RedisGameStore.connect}. */
export interface RedisStoreOptions {
  /** `redis://host:port[/db]`. */
  url: string;
  /** This instance's name in its leases. Default: a random one. */
  instanceId?: string;
  /** How long a game's lease lasts unless renewed, in ms. Default 5000. */
  leaseMs?: number;
  /** Prefix of every key. Default `lg:`. */
  prefix?: string;
  /** Told of the client's connection errors (it reconnects by itself). */
  onError?: (error: unknown) => void;
}

type Client = ReturnType<typeof clientOf>;

/**
 * The game store on one Redis server (see `_keys.ts` for the keys): each
 * game's events in its own stream, entry id `<seq>-0`, so Redis itself
 * refuses a duplicate append; a commit is one Lua script, answered only
 * after Redis ran it. One owner per game: a game's first write claims its
 * lease (`GAME_LEASE_MS`) and a fencing token, which every write checks in
 * the script, so an owner that lost its lease cannot write any more.
 */
export class RedisGameStore implements GameStore {
  #client: Client;
  #prefix: string;
  #leases: Leases;
  #shas = new Map<string, string>();
  #cluster: RedisCluster | null = null;
  #onError: ((error: unknown) => void) | undefined;
  /** The tournaments, on the same Redis and prefix. */
  readonly tournaments: RedisTournamentStore;

  private constructor(client: Client, options: RedisStoreOptions) {
    this.#client = client;
    this.#prefix = options.prefix ?? "lg:";
    this.tournaments = new RedisTournamentStore(client, {
      prefix: this.#prefix,
      script: (script, keys, args) => this.#script(script, keys, args),
    });
    this.#onError = options.onError;
    this.#leases = new Leases(
      (script, keys, args) => this.#script(script, keys, args),
      {
        prefix: this.#prefix,
        instanceId: options.instanceId ??
          `i-${crypto.randomUUID().slice(0, 8)}`,
        leaseMs: options.leaseMs ?? 5000,
      },
    );
  }

  /** Connects to Redis; rejects with an Error naming the URL when it cannot. */
  static async connect(options: RedisStoreOptions): Promise<RedisGameStore> {
    const client = clientOf(options.url);
    client.on("error", (error) => options.onError?.(error));
    try {
      await client.connect();
    } catch (error) {
      client.destroy();
      const reason = error instanceof Error ? error.message : String(error);
      const url = hidePassword(options.url);
      throw new Error(`Cannot reach Redis at ${url} (REDIS_URL): ${reason}`, {
        cause: error,
      });
    }
    return new RedisGameStore(client, options);
  }

  /**
   * This instance's side of the instances sharing this Redis (one per
   * store, opened on first call): a second connection for its blocked
   * XREAD. `forwardWaitMs`: how long a command forwarded to a game's owner
   * waits for the answer (default 5000).
   */
  async cluster(
    options: { forwardWaitMs?: number } = {},
  ): Promise<RedisCluster> {
    if (this.#cluster !== null) return this.#cluster;
    const blocking = this.#client.duplicate();
    blocking.on("error", (error) => this.#onError?.(error));
    await blocking.connect();
    this.#cluster = await RedisCluster.open({
      client: this.#client,
      blocking: {
        sendCommand: (args) => blocking.sendCommand(args),
        destroy: () => blocking.destroy(),
      },
      leases: this.#leases,
      store: this,
      prefix: this.#prefix,
      forwardWaitMs: options.forwardWaitMs ?? 5000,
      onError: this.#onError,
    }).catch((error) => {
      blocking.destroy();
      throw error;
    });
    return this.#cluster;
  }

  /** Whether the client is connected to Redis now. */
  get connected(): boolean {
    return this.#client.isReady;
  }

  /** This instance's id, as its leases name it. */
  get instanceId(): string {
    return this.#leases.instanceId;
  }

  /** Writes the batches in one script, after claiming the leases it needs. */
  async commit(batches: readonly CommitBatch[]): Promise<void> {
    const held = await Promise.all(
      batches.map((batch) => this.#leases.hold(batch.gameId)),
    ).catch((error) => {
      throw error instanceof LeaseLostError
        ? error
        : scriptError(error, "claiming a lease");
    });
    const keys = globalKeys(this.#prefix);
    const payload = batches.map((batch, i) => {
      keys.push(...gameKeys(this.#prefix, batch.gameId));
      const { gameId, events, summary, seat, outcome } = batch;
      return {
        game: gameId,
        fence: held[i]!.token,
        holder: held[i]!.holder,
        leaseMs: this.#leases.leaseMs,
        events: events.map((event) => [event.seq, JSON.stringify(event)]),
        createdAt: String(events[0]?.at ?? 0),
        at: String(events.at(-1)?.at ?? 0),
        ...(summary === undefined
          ? {}
          : { summary: JSON.stringify(summary), status: summary.status }),
        ...(seat === undefined ? {} : {
          seat: [
            seat.tokenHash,
            JSON.stringify({ gameId, playerId: seat.playerId }),
          ],
        }),
        ...(outcome === undefined ? {} : {
          outcome: [
            outcome.key,
            JSON.stringify(outcome.outcome),
            ...(outcome.evicts === undefined ? [] : [outcome.evicts]),
          ],
        }),
      };
    });
    try {
      await this.#script(COMMIT, keys, [JSON.stringify(payload)]);
    } catch (error) {
      const refused = scriptError(error, "commit");
      if (refused instanceof LeaseLostError) this.#leases.lose(refused);
      throw refused;
    }
    const ended = batches.filter((b) => b.summary?.status === "ended");
    await Promise.all(ended.map((b) => this.#leases.release(b.gameId)));
  }

  /** The rows, oldest first. */
  async listGames(options: ListOptions = {}): Promise<GameRow[]> {
    const index = options.status === undefined
      ? `${this.#prefix}games`
      : `${this.#prefix}games:${options.status}`;
    const offset = options.offset ?? 0;
    const stop = options.limit === undefined ? -1 : offset + options.limit - 1;
    if (stop !== -1 && stop < offset) return [];
    const ids = await this.#client.zRange(index, offset, stop, { REV: true });
    const rows = await Promise.all(
      ids.reverse().map((gameId) =>
        this.#client.hmGet(gameKeys(this.#prefix, gameId)[0]!, [
          "summary",
          "created_at",
          "updated_at",
        ])
      ),
    );
    return rows.flatMap(([summary, createdAt, updatedAt]) => {
      if (typeof summary !== "string") return []; // deleted meanwhile
      const row = JSON.parse(summary) as GameSummary;
      return [{
        ...row,
        createdAt: Number(createdAt),
        endedAt: row.status === "ended" ? Number(updatedAt) : null,
      }];
    });
  }

  /** Removes an ended game in one script. */
  async deleteEnded(gameId: string): Promise<boolean> {
    const keys = [
      ...globalKeys(this.#prefix),
      ...gameKeys(this.#prefix, gameId),
    ];
    return Number(await this.#script(DELETE_ENDED, keys, [gameId])) === 1;
  }

  /** Whether the game has a row. */
  async has(gameId: string): Promise<boolean> {
    return (await this.#client.exists(gameKeys(this.#prefix, gameId)[0]!)) ===
      1;
  }

  /** The event log: the game's stream. */
  async events(gameId: string): Promise<GameEvent[]> {
    const entries = await this.#client.xRange(
      gameKeys(this.#prefix, gameId)[1]!,
      "-",
      "+",
    );
    return (entries ?? []).map((entry) =>
      JSON.parse(entry.message["e"] as string) as GameEvent
    );
  }

  /** The idempotency keys, in the order they were written. */
  async outcomes(gameId: string): Promise<[string, StoredOutcome][]> {
    const [, , order, bodies] = gameKeys(this.#prefix, gameId);
    const keys = await this.#client.zRange(order!, 0, -1);
    if (keys.length === 0) return [];
    const values = await this.#client.hmGet(bodies!, keys);
    return keys.map((key, i) => [
      key,
      JSON.parse(values[i] as string) as StoredOutcome,
    ]);
  }

  /** The games not ended, oldest first. */
  async unfinished(): Promise<string[]> {
    const lists = await Promise.all(
      STATUSES.filter((status) => status !== "ended").map((status) =>
        this.#client.zRangeWithScores(`${this.#prefix}games:${status}`, 0, -1)
      ),
    );
    return lists.flat().sort((a, b) => a.score - b.score).map((e) => e.value);
  }

  /** The seat of a token hash. */
  async seat(tokenHash: string): Promise<Seat | null> {
    const text = await this.#client.hGet(`${this.#prefix}seats`, tokenHash);
    return typeof text === "string" ? JSON.parse(text) as Seat : null;
  }

  /** Releases this instance's leases and closes the connection. */
  async close(): Promise<void> {
    if (!this.#client.isOpen) return;
    await this.#cluster?.stop();
    await this.#leases.close().catch(() => {}); // they expire by themselves
    await this.#client.close();
  }

  /** Runs a script by SHA, loading it on first use (or after a Redis restart). */
  async #script(
    script: string,
    keys: string[],
    args: string[],
  ): Promise<unknown> {
    let sha = this.#shas.get(script);
    if (sha !== undefined) {
      try {
        return await this.#client.evalSha(sha, { keys, arguments: args });
      } catch (error) {
        if (!String(error).includes("NOSCRIPT")) throw error;
      }
    }
    sha = await this.#client.scriptLoad(script);
    this.#shas.set(script, sha);
    return await this.#client.evalSha(sha, { keys, arguments: args });
  }
}

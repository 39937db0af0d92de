import type { GameEvent } from "../contract/mod.ts";
import {
  type ClusterHandlers,
  type Forwarded,
  type ForwardReply,
  type GameCluster,
  type GameStore,
  type Owner,
} from "../game/mod.ts";
import type { Leases } from "./_leases.ts";
import {
  entryId,
  gameKeys,
  hubKey,
  instanceKeys,
  leaseHolder,
} from "./_keys.ts";
import { type Entry, StreamTail } from "./_tail.ts";
import { ClusterHub } from "./_cluster_hub.ts";
import { PendingForwards } from "./_pending.ts";

/** Most entries an inbox or replies stream keeps (`XADD MAXLEN ~`). */
export const INBOX_MAX_ENTRIES = 10_000;

/** What the cluster needs of the store's Redis client. */
export interface ClusterClient {
  get(key: string): Promise<string | null>;
  sendCommand(args: string[]): Promise<unknown>;
}

/** Options of {@linkcode RedisCluster}. */
export interface RedisClusterOptions {
  /** The store's client (commands that do not block). */
  client: ClusterClient;
  /** A connection of its own for the blocked XREAD. */
  blocking: ConstructorParameters<typeof StreamTail>[0];
  /** The store's leases (this instance's). */
  leases: Leases;
  /** The store, to list the unfinished games. */
  store: GameStore;
  /** The keys' prefix. */
  prefix: string;
  /** How long a forwarded command waits for the owner's answer, in ms. */
  forwardWaitMs: number;
  /** Told of what failed in the background (the server logs it). */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * The instances on one Redis (see README "Many instances"): a game's
 * owner is its lease's holder; another instance follows the game's stream
 * through its one blocked XREAD, forwards commands to the owner's inbox
 * stream and reads the answers from its own replies stream; every third
 * of the lease it claims the running games whose lease expired.
 */
export class RedisCluster implements GameCluster {
  readonly shared = true;
  #o: RedisClusterOptions;
  #tail: StreamTail;
  #keys: { inbox: string; replies: string; wake: string };
  #pending = new PendingForwards();
  #sweep: ReturnType<typeof setInterval> | null = null;
  /** Where the streams it reads end now (read from there on). */
  #from: { inbox: string; replies: string; wake: string; hub: string };
  /** The hub across the instances: the `hub` stream, the heartbeats. */
  readonly hub: ClusterHub;

  private constructor(
    options: RedisClusterOptions,
    from: { inbox: string; replies: string; wake: string; hub: string },
  ) {
    this.#o = options;
    this.#from = from;
    this.#keys = instanceKeys(options.prefix, this.instanceId);
    this.#tail = new StreamTail(
      options.blocking,
      () => void this.#xadd(this.#keys.wake, "1", 1).catch(() => {}),
    );
    this.hub = new ClusterHub({
      client: options.client,
      tail: this.#tail,
      prefix: options.prefix,
      instanceId: this.instanceId,
      from: from.hub,
      leaseMs: options.leases.leaseMs,
      xadd: (key, body) => this.#xadd(key, body),
      onError: options.onError,
    });
  }

  /** The cluster of this instance, its own streams read from their current end. */
  static async open(options: RedisClusterOptions): Promise<RedisCluster> {
    const keys = instanceKeys(options.prefix, options.leases.instanceId);
    const last = async (key: string): Promise<string> => {
      const top = await options.client.sendCommand([
        "XREVRANGE",
        key,
        "+",
        "-",
        "COUNT",
        "1",
      ]) as [string, unknown][];
      return top[0]?.[0] ?? "0-0";
    };
    const [inbox, replies, wake, hub] = await Promise.all([
      last(keys.inbox),
      last(keys.replies),
      last(keys.wake),
      last(hubKey(options.prefix)),
    ]);
    return new RedisCluster(options, { inbox, replies, wake, hub });
  }

  /** This instance's id. */
  get instanceId(): string {
    return this.#o.leases.instanceId;
  }

  async owner(gameId: string): Promise<Owner> {
    const [, , , , , lease] = gameKeys(this.#o.prefix, gameId);
    const value = await this.#o.client.get(lease!);
    if (value === null) return { kind: "none" };
    const instanceId = leaseHolder(value);
    if (instanceId !== this.instanceId) return { kind: "other", instanceId };
    return this.#o.leases.holds(gameId) ? { kind: "self" } : { kind: "none" };
  }

  claim(gameId: string): Promise<boolean> {
    return this.#o.leases.claim(gameId);
  }

  follow(
    gameId: string,
    afterSeq: number,
    onEvents: (events: GameEvent[]) => void,
  ): () => void {
    const [, stream] = gameKeys(this.#o.prefix, gameId);
    this.#tail.add(stream!, entryId(afterSeq), (entries) =>
      onEvents(
        entries.map((entry) => JSON.parse(entry.fields["e"]!) as GameEvent),
      ));
    return () => this.#tail.remove(stream!);
  }

  async forward(owner: string, request: Forwarded): Promise<ForwardReply> {
    const id = crypto.randomUUID();
    const { forwardWaitMs } = this.#o;
    const answered = this.#pending.wait(id, {
      gameId: request.gameId,
      owner,
      waitMs: forwardWaitMs,
      leaseMs: this.#o.leases.leaseMs,
      gone: () => this.#gone(request.gameId, owner),
    });
    const body = JSON.stringify({
      id,
      from: this.instanceId,
      until: Date.now() + forwardWaitMs,
      request,
    });
    try {
      await this.#xadd(instanceKeys(this.#o.prefix, owner).inbox, body);
    } catch (error) {
      this.#pending.answer(id, {
        ok: false,
        code: "INTERNAL_SERVER_ERROR",
        message:
          `Game ${request.gameId}: the command could not be sent to its owner, instance ${owner}, through Redis (${
            error instanceof Error ? error.message : error
          }); retry it with the same actionId.`,
      });
    }
    return await answered;
  }

  start(handlers: ClusterHandlers): void {
    this.#o.leases.onLose = (gameId) => handlers.lost(gameId);
    const { inbox, replies, wake } = this.#keys;
    const from = this.#from;
    this.#tail.add(inbox, from.inbox, (e) => this.#serve(handlers, e), false);
    this.#tail.add(replies, from.replies, (e) => this.#answered(e), false);
    this.#tail.add(wake, from.wake, () => {}, false);
    const every = Math.max(1, Math.floor(this.#o.leases.leaseMs / 3));
    this.#sweep = setInterval(() => {
      handlers.sweep();
      void this.hub.beat().catch((error) => this.#o.onError?.(error));
      void this.#orphans(handlers).catch((error) => this.#o.onError?.(error));
    }, every);
  }

  /**
   * Stops the sweep and the reader (no more tailing nor serving); pending
   * forwards time out. Once only: later calls wait for the first.
   */
  stop(): Promise<void> {
    this.close();
    this.#stopped ??= this.#tail.close();
    return this.#stopped;
  }

  #stopped: Promise<void> | null = null;

  close(): void {
    if (this.#sweep !== null) clearInterval(this.#sweep);
    this.#sweep = null;
    this.#o.leases.onLose = null;
  }

  /** Claims the running games whose lease expired and hands them over. */
  async #orphans(handlers: ClusterHandlers): Promise<void> {
    const ids = await this.#o.store.unfinished();
    if (ids.length === 0) return;
    const leases = ids.map((id) => gameKeys(this.#o.prefix, id)[5]!);
    const values = await this.#o.client.sendCommand(["MGET", ...leases]);
    const free = ids.filter((_, i) => (values as unknown[])[i] === null);
    for (const gameId of free) {
      if (await this.claim(gameId)) await handlers.adopt(gameId);
    }
  }

  /** Runs the commands forwarded here and sends back each answer. */
  #serve(handlers: ClusterHandlers, entries: Entry[]): void {
    for (const entry of entries) {
      const body = JSON.parse(entry.fields["r"] ?? "null") as {
        id: string;
        from: string;
        until: number;
        request: Forwarded;
      } | null;
      if (body === null || body.until < Date.now()) continue; // given up
      void handlers.serve(body.request).catch((error): ForwardReply => ({
        ok: false,
        code: "INTERNAL_SERVER_ERROR",
        message: `Game ${body.request.gameId}: the owner failed: ${error}`,
      })).then((reply) =>
        this.#xadd(
          instanceKeys(this.#o.prefix, body.from).replies,
          JSON.stringify({ id: body.id, reply }),
        )
      ).catch((error) => this.#o.onError?.(error));
    }
  }

  /**
   * Whether `owner` no longer holds `gameId`'s lease (expired, or
   * another's); false when Redis could not be asked.
   */
  async #gone(gameId: string, owner: string): Promise<boolean> {
    const [, , , , , lease] = gameKeys(this.#o.prefix, gameId);
    const value = await this.#o.client.get(lease!).catch(() => undefined);
    if (value === undefined) return false;
    return value === null || leaseHolder(value) !== owner;
  }

  /** Resolves the forwarded commands the entries answer. */
  #answered(entries: Entry[]): void {
    for (const entry of entries) {
      const body = JSON.parse(entry.fields["r"] ?? "null") as {
        id: string;
        reply: ForwardReply;
      } | null;
      if (body !== null) this.#pending.answer(body.id, body.reply);
    }
  }

  #xadd(key: string, body: string, max = INBOX_MAX_ENTRIES): Promise<unknown> {
    return this.#o.client.sendCommand([
      "XADD",
      key,
      "MAXLEN",
      "~",
      String(max),
      "*",
      "r",
      body,
    ]);
  }
}

import type { AppContext } from "../api/mod.ts";
import {
  type LiveClient,
  type Protocol,
  RECENT_SLOW_MAX,
} from "../contract/mod.ts";
import { CLOSE_OPERATOR, CLOSE_SLOW_CONSUMER } from "../hub/mod.ts";
import type { WSCallProbe, WSHandle, WSObserver } from "../ws/ws_options.ts";

/** What the registry reads of a connection's context. */
export type LiveContext = Pick<AppContext, "who" | "seats" | "watching">;

/** One live connection: a WebSocket (by its handle) or an SSE stream. */
interface Entry {
  readonly protocol: Protocol;
  readonly ctx: LiveContext;
  readonly address: string;
  /** Epoch ms. */
  readonly connectedAt: number;
  /** Closes it for an operator with the (cleaned) reason. */
  readonly close: (reason: string) => void;
  /** A tRPC socket's running subscriptions, path → count; else fixed. */
  readonly subscriptions: Map<string, number>;
  lastPath: string | null;
  /** Epoch ms of the last call (0: none). */
  lastAt: number;
}

/** A slow consumer cut: when (epoch ms) and who. */
export interface SlowCut {
  at: number;
  clientId: string;
  clientType: string;
  protocol: string;
}

/**
 * The server's live connections as the operator sees them: registered
 * when their context is made, gone when they close, each with its last
 * call (told by the transports' observer) and what it follows. Bounded by
 * the open connections; the slow consumers cut keep the newest
 * {@linkcode RECENT_SLOW_MAX}.
 */
export class LiveClients {
  #entries = new Map<object, Entry>();
  #slow: SlowCut[] = [];
  #now: () => number;
  #procedures: ReadonlySet<string>;

  /** `procedures`: the router's paths (a call of another is `unknown`). */
  constructor(procedures: ReadonlySet<string>, now: () => number) {
    this.#procedures = procedures;
    this.#now = now;
  }

  /** How many connections are live. */
  get size(): number {
    return this.#entries.size;
  }

  /** The newest slow consumers cut, oldest first. */
  get recentSlow(): readonly SlowCut[] {
    return this.#slow;
  }

  /** Registers a WebSocket's connection until its socket closes. */
  addSocket(
    socket: WSHandle,
    opts: { protocol: Protocol; ctx: LiveContext; address: string },
  ): void {
    const close = (reason: string) => socket.close(CLOSE_OPERATOR, reason);
    const entry = this.#entry(close, opts);
    this.#entries.set(socket, entry);
    socket.onClose(() => this.#entries.delete(socket));
  }

  /**
   * Registers an SSE stream of `path`, its subscription also its last call
   * (made when it started), `end` what closes it; returns what removes it
   * (once).
   */
  addStream(
    opts: {
      ctx: LiveContext;
      address: string;
      path: string;
      end: (reason: string) => void;
    },
  ): () => void {
    const key = {};
    const { end, path, ...rest } = opts;
    const entry = this.#entry(end, { ...rest, protocol: "trpc_sse" });
    entry.subscriptions.set(this.#known(path), 1);
    entry.lastPath = path;
    entry.lastAt = entry.connectedAt;
    this.#entries.set(key, entry);
    return () => void this.#entries.delete(key);
  }

  /**
   * `inner` that also notes each call's procedure and time on its
   * connection, and a tRPC socket's subscriptions while they run.
   */
  observe(inner: WSObserver): WSObserver {
    return {
      ...inner,
      closed: (code, by, socket) => {
        inner.closed?.(code, by, socket);
        // as loupgarou_slow_consumer_cutoffs_total: the server's cut-offs
        if (code !== CLOSE_SLOW_CONSUMER || by !== "server") return;
        const entry = this.#entries.get(socket);
        if (entry !== undefined) this.#slowCut(entry);
      },
      call: (info) => {
        const probe = inner.call?.(info);
        const entry = this.#entries.get(info.socket);
        if (entry === undefined) return probe;
        entry.lastPath = info.path; // as sent: made `unknown` when listed
        entry.lastAt = this.#now();
        if (info.type !== "subscription") return probe;
        const path = this.#known(info.path);
        return subscriptionProbe(entry.subscriptions, path, probe);
      },
    };
  }

  /**
   * Closes every connection of `clientId`: its WebSockets with 4006 and
   * `reason`, its SSE streams with the subscription's error; how many.
   */
  close(clientId: string, reason: string): number {
    const matching = [...this.#entries.values()].filter((entry) =>
      entry.ctx.who.client_id === clientId
    );
    for (const entry of matching) entry.close(reason);
    return matching.length;
  }

  /** The first `max` live connections, oldest first. */
  list(max: number): LiveClient[] {
    const list: LiveClient[] = [];
    for (const entry of this.#entries.values()) {
      if (list.length >= max) break;
      const last = entry.lastPath === null ? null : {
        procedure: this.#known(entry.lastPath),
        at: entry.lastAt,
      };
      list.push(describe(entry, last));
    }
    return list;
  }

  #entry(
    close: Entry["close"],
    opts: { protocol: Protocol; ctx: LiveContext; address: string },
  ): Entry {
    const subscriptions = new Map<string, number>();
    if (opts.protocol === "legacy_ws") subscriptions.set("hub.events", 1);
    return {
      ...opts,
      close,
      connectedAt: this.#now(),
      subscriptions,
      lastPath: null,
      lastAt: 0,
    };
  }

  #slowCut(entry: Entry): void {
    this.#slow.push({
      at: this.#now(),
      clientId: entry.ctx.who.client_id ?? "",
      clientType: entry.ctx.who.client_type,
      protocol: entry.protocol,
    });
    if (this.#slow.length > RECENT_SLOW_MAX) this.#slow.shift();
  }

  #known(path: string): string {
    return this.#procedures.has(path) ? path : "unknown";
  }
}

/** `probe`, counting its subscription in `running` from start to end. */
function subscriptionProbe(
  running: Map<string, number>,
  path: string,
  probe: WSCallProbe | undefined,
): WSCallProbe {
  let started = false;
  return {
    answered(code) {
      probe?.answered(code);
      if (code !== null) return;
      started = true;
      running.set(path, (running.get(path) ?? 0) + 1);
    },
    ended() {
      probe?.ended?.();
      if (!started) return;
      started = false;
      const left = (running.get(path) ?? 1) - 1;
      if (left > 0) running.set(path, left);
      else running.delete(path);
    },
    ...(probe?.run ? { run: probe.run.bind(probe) } : {}),
  };
}

/** What the operator sees of one connection. */
function describe(entry: Entry, lastCall: LiveClient["lastCall"]): LiveClient {
  const { ctx } = entry;
  const games: LiveClient["games"] = [...ctx.seats].map(([gameId, seat]) => ({
    gameId,
    seat,
  }));
  for (const gameId of ctx.watching.keys()) {
    if (!ctx.seats.has(gameId)) games.push({ gameId, seat: null });
  }
  const subscriptions: string[] = [];
  for (const [path, count] of entry.subscriptions) {
    for (let i = 0; i < count; i++) subscriptions.push(path);
  }
  if (entry.protocol === "legacy_ws" && ctx.watching.size > 0) {
    subscriptions.push("game.events");
  }
  return {
    clientId: ctx.who.client_id ?? "",
    clientType: ctx.who.client_type,
    protocol: entry.protocol,
    address: entry.address,
    connectedAt: entry.connectedAt,
    games,
    subscriptions,
    lastCall,
  };
}

import { getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import type { AppContext, ContextRequest, SocketHooks } from "../api/mod.ts";
import { LegacyCursor } from "./cursor.ts";
import { LegacyClient } from "./legacy_client.ts";
import { presenceParam } from "./_streams.ts";
import {
  CLOSE_REFUSED,
  CLOSE_RESTART,
  CLOSE_SLOW_CONSUMER,
} from "../hub/mod.ts";
import { KeepAlive } from "../ws/_keep_alive.ts";
import { pump, type PumpLimits } from "../ws/_pump.ts";
import { FrameGate } from "./_frame_gate.ts";
import { Outbox } from "./_outbox.ts";
import { closeSocket, type WireSocket } from "../ws/_wire.ts";
import type { RegisteredSocket, SocketSet } from "../ws/socket_set.ts";
import type { WSObserver } from "../ws/ws_options.ts";

/** What one legacy socket is given. */
export interface LegacySessionOptions extends PumpLimits {
  /** Makes the connection's context (registers it in the hub). */
  createContext: (request: ContextRequest) => AppContext | Promise<AppContext>;
  /** The upgrade request, without its `token` query parameter. */
  request: Request;
  /** The client id, type and token, as tRPC `connectionParams`. */
  connectionParams: Record<string, string | undefined>;
  /** `?last_event_id=`, or null. */
  lastEventId: string | null;
  /** `WS_TIMEOUT` in ms: close after this long without a message (0: never). */
  idleTimeoutMs: number;
  /** The largest frame accepted, in bytes. */
  maxMessageBytes: number;
  /** Messages per second on average and at once (none: no limit). */
  rateLimit?: { perSecond: number; burst: number } | undefined;
  /** The rate limit's clock, in ms. */
  now?: (() => number) | undefined;
  /** The server's open sockets (shutdown closes them, waits for commands). */
  sockets?: SocketSet | undefined;
  /** Called with every error (the server logs internal ones). */
  onError?: ((error: Error, path: string | undefined) => void) | undefined;
  /** Told of the connection, its calls, what it sends and what its limits refuse. */
  observer?: WSObserver | undefined;
  /** The peer's address, for the context. */
  remoteAddress?: string | undefined;
}

/**
 * One socket of the original JSON protocol: a `connection` welcome, then
 * the client's hub messages and the game it follows (each stamped with the
 * `event_id` to resume from), answers to its messages, and the same limits
 * as a tRPC socket: frame size (1009), message rate, idle timeout (4002),
 * slow consumers (4003).
 */
export class LegacySession implements RegisteredSocket {
  #ws: WireSocket;
  #opts: LegacySessionOptions;
  #client: LegacyClient | null = null;
  #ready: Promise<boolean> = Promise.resolve(false);
  #cursor: LegacyCursor;
  #cursorValid: boolean;
  #lifetime = new AbortController();
  #game: AbortController | null = null;
  #keepAlive: KeepAlive;
  #gate: FrameGate;
  #out: Outbox;
  #closeListeners: ((info: { code: number; reason: string }) => void)[] = [];
  #closedWith: { code: number; reason: string } | null = null;
  /** The socket as its context sees it (and the observer names it). */
  #hooks: SocketHooks = {
    close: (code, reason) => this.close(code, reason),
    onClose: (listener) => {
      const closed = this.#closedWith;
      if (closed === null) this.#closeListeners.push(listener);
      else queueMicrotask(() => listener(closed)); // closed while connecting
    },
  };
  #settle!: () => void;
  /** When the upgrade was answered (ms, the `now` clock), for `opened`. */
  #upgradedAt: number;
  /** Resolves when the socket's close handshake has finished. */
  readonly settled: Promise<void> = new Promise((resolve) => {
    this.#settle = resolve;
  });

  constructor(ws: WireSocket, opts: LegacySessionOptions) {
    this.#ws = ws;
    this.#opts = opts;
    this.#upgradedAt = this.#now();
    const { cursor, valid } = LegacyCursor.parse(opts.lastEventId);
    this.#cursor = cursor;
    this.#cursorValid = valid;
    this.#gate = new FrameGate(opts);
    this.#out = new Outbox(ws, {
      cursor,
      maxBufferedBytes: opts.maxBufferedBytes,
      close: (code, reason) => this.close(code, reason),
      signer: () => this.#client?.signer() ?? null,
      observer: opts.observer,
    });
    this.#keepAlive = new KeepAlive({
      idleMs: opts.idleTimeoutMs,
      pingMs: 0, // liveness: WebSocket ping frames, which clients answer by themselves
      pongWaitMs: 0,
      ping: () => {},
      close: (code, reason) => this.close(code, reason),
      noPong: () => {},
    });
  }

  #now(): number {
    return this.#opts.now?.() ?? performance.now();
  }

  /** The socket opened: register, make the context, send the welcome. */
  opened(): void {
    this.#opts.sockets?.add(this);
    this.#opts.observer?.opened?.(this.#now() - this.#upgradedAt);
    this.#keepAlive.start();
    this.#ready = this.#start().catch((cause) => {
      this.#report(cause, undefined);
      this.close(CLOSE_REFUSED, "connection refused: internal error");
      return false;
    });
  }

  /** A frame arrived. */
  received(data: unknown): void {
    this.#keepAlive.activity();
    const refusal = this.#gate.check(data);
    if (refusal !== null) {
      if (refusal.limit !== undefined) {
        this.#opts.observer?.refused?.(refusal.limit);
      }
      this.#out.error(refusal.error);
      if (refusal.close !== undefined) {
        this.close(refusal.close, refusal.error.message);
      }
      return;
    }
    // in arrival order, after the welcome (a resolved promise runs them FIFO)
    void this.#ready.then((ready) => {
      if (ready && this.#client !== null) {
        this.#handle(this.#client, data as string);
      }
    });
  }

  /** The socket's close event: the handshake is over. */
  socketClosed(code: number, reason: string): void {
    this.closed(code, reason, "peer");
    this.#settle();
  }

  /** The socket closed or is closing (`by` whom): stop everything it started. */
  closed(code: number, reason: string, by: "server" | "peer"): void {
    if (this.#closedWith !== null) return;
    this.#closedWith = { code, reason };
    this.#opts.observer?.closed?.(code, by, this.#hooks);
    this.#keepAlive.stop();
    this.#opts.sockets?.delete(this);
    this.#lifetime.abort();
    for (const listener of this.#closeListeners.splice(0)) {
      try {
        listener({ code, reason });
      } catch (cause) {
        this.#report(cause, undefined);
      }
    }
  }

  /** Closes the socket (the reason cut to 123 bytes) and releases what it held. */
  close(code: number, reason: string): void {
    closeSocket(this.#ws, code, reason, this.#opts.slowConsumerMs);
    this.closed(code, reason, "server");
  }

  /** The original protocol has no reconnect notice: the 1012 close says it. */
  notifyReconnect(): void {}

  async #start(): Promise<boolean> {
    const hooks = this.#hooks;
    let ctx: AppContext;
    try {
      ctx = await this.#opts.createContext({
        req: this.#opts.request,
        connectionParams: this.#opts.connectionParams,
        socket: hooks,
        remoteAddress: this.#opts.remoteAddress,
      });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.#out.error(error);
      this.close(CLOSE_REFUSED, `connection refused: ${error.message}`);
      return false;
    }
    const observer = this.#opts.observer;
    const client = new LegacyClient(ctx, {
      onError: (error, path) => this.#opts.onError?.(error, path),
      observe: observer?.call === undefined
        ? undefined
        : (path, type) => observer.call?.({ path, type, socket: hooks }),
    });
    const signal = this.#lifetime.signal;
    const presence = presenceParam(this.#opts.request);
    const hub = client.hubEvents(this.#cursor.hub, {
      signal,
      presence: presence instanceof TRPCError ? undefined : presence,
    });
    const welcome = await hub.next();
    if (welcome.done || signal.aborted) return false;
    this.#cursor.hubDelivered(welcome.value.id);
    this.#out.send(welcome.value.message);
    this.#client = client;
    if (!this.#cursorValid) {
      this.#out.error(
        new TRPCError({
          code: "BAD_REQUEST",
          message: `last_event_id ${
            JSON.stringify(this.#opts.lastEventId?.slice(0, 80))
          } is not an event id of this endpoint (it is the event_id of a message received here); live messages follow.`,
        }),
        "EVENTS_LOST",
      );
    }
    if (presence instanceof TRPCError) this.#out.error(presence);
    const rest = { [Symbol.asyncIterator]: () => hub };
    pump(
      rest,
      this.#out.sink((delivery) => {
        this.#cursor.hubDelivered(delivery.id);
      }),
      { signal, limits: this.#opts },
    ).catch((cause) => this.#report(cause, "hub.events"));
    const seat = client.seatGame;
    if (seat !== null) this.#follow(client, seat);
    return true;
  }

  #handle(client: LegacyClient, data: string): void {
    const countOut = this.#opts.sockets?.callStarted();
    client.handle(data).then((answer) => {
      for (const reply of answer.replies) this.#out.send(reply);
      if (answer.follow !== undefined) this.#follow(client, answer.follow);
    }).catch((cause) => this.#report(cause, undefined)).finally(countOut);
  }

  /** Follows `gameId` from where the cursor is (replacing another game). */
  #follow(client: LegacyClient, gameId: string): void {
    if (this.#lifetime.signal.aborted) return;
    this.#game?.abort();
    const stop = new AbortController();
    this.#game = stop;
    client.following = gameId;
    const signal = AbortSignal.any([this.#lifetime.signal, stop.signal]);
    let over = false;
    const stream = client.gameEvents(gameId, {
      after: this.#cursor.seqOf(gameId),
      signal,
    });
    const sink = this.#out.sink((delivery) => {
      this.#cursor.gameDelivered(gameId, Number(delivery.id));
      if (delivery.last) over = true;
    });
    pump(stream, sink, { signal, limits: this.#opts }).then((completed) => {
      if (completed && !over && !signal.aborted) {
        // the room ended the stream: a restart, or this client fell behind
        if (this.#opts.sockets?.draining) {
          this.close(CLOSE_RESTART, "server restarting: reconnect");
        } else {
          this.close(
            CLOSE_SLOW_CONSUMER,
            "slow consumer: the game's events were not read in time; reconnect with last_event_id",
          );
        }
      }
    }, (cause) => {
      this.#report(cause, "game.events");
      this.#out.error(getTRPCErrorFromUnknown(cause));
    }).finally(() => {
      if (this.#game !== stop) return;
      this.#game = null;
      client.following = null;
    });
  }

  #report(cause: unknown, path: string | undefined): void {
    try {
      this.#opts.onError?.(getTRPCErrorFromUnknown(cause), path);
    } catch {
      // a failing logger never takes the socket down
    }
  }
}

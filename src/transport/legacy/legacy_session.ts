import { getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import type { AppContext, ContextRequest, SocketHooks } from "../../api/mod.ts";
import {
  errorMessage,
  LegacyClient,
  LegacyCursor,
  type LegacyDelivery,
  type LegacyOutgoing,
} from "../../api/legacy/mod.ts";
import {
  CLOSE_REFUSED,
  CLOSE_RESTART,
  CLOSE_SLOW_CONSUMER,
  CLOSE_TOO_BIG,
} from "../../hub/mod.ts";
import { KeepAlive } from "../_keep_alive.ts";
import { pump, type PumpLimits, type PumpSink } from "../_pump.ts";
import { TokenBucket } from "../_rate_limit.ts";
import { closeReason, OPEN, utf8Length, type WireSocket } from "../_wire.ts";
import type { RegisteredSocket, SocketSet } from "../socket_set.ts";

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
  #bucket: TokenBucket | null;
  #closeListeners: ((info: { code: number; reason: string }) => void)[] = [];
  #closedWith: { code: number; reason: string } | null = null;
  #settle!: () => void;
  /** Resolves when the socket's close handshake has finished. */
  readonly settled: Promise<void> = new Promise((resolve) => {
    this.#settle = resolve;
  });

  constructor(ws: WireSocket, opts: LegacySessionOptions) {
    this.#ws = ws;
    this.#opts = opts;
    const { cursor, valid } = LegacyCursor.parse(opts.lastEventId);
    this.#cursor = cursor;
    this.#cursorValid = valid;
    this.#bucket = opts.rateLimit === undefined
      ? null
      : new TokenBucket(opts.rateLimit, opts.now ?? (() => performance.now()));
    this.#keepAlive = new KeepAlive({
      idleMs: opts.idleTimeoutMs,
      pingMs: 0, // liveness: WebSocket ping frames, which clients answer by themselves
      pongWaitMs: 0,
      ping: () => {},
      close: (code, reason) => this.close(code, reason),
    });
  }

  /** The socket opened: register, make the context, send the welcome. */
  opened(): void {
    this.#opts.sockets?.add(this);
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
    if (typeof data !== "string") {
      return this.#refuse(
        "UNPROCESSABLE_CONTENT",
        "Binary frames are not accepted: send each message as a JSON text frame.",
      );
    }
    const max = this.#opts.maxMessageBytes;
    const size = utf8Length(data, max);
    if (size > max) {
      const message =
        `Frame of ${size} bytes refused: the limit is ${max} bytes per frame.`;
      this.#refuse("PAYLOAD_TOO_LARGE", message);
      return this.close(CLOSE_TOO_BIG, message);
    }
    const wait = this.#bucket?.take() ?? 0;
    if (wait > 0) {
      const { perSecond, burst } = this.#opts.rateLimit!;
      return this.#refuse(
        "TOO_MANY_REQUESTS",
        `Too many messages: a connection may send ${perSecond} messages per second on average and ${burst} at once; retry in ${wait} ms.`,
      );
    }
    // in arrival order, after the welcome (a resolved promise runs them FIFO)
    void this.#ready.then((ready) => {
      if (ready && this.#client !== null) this.#handle(this.#client, data);
    });
  }

  /** The socket's close event: the handshake is over. */
  socketClosed(code: number, reason: string): void {
    this.closed(code, reason);
    this.#settle();
  }

  /** The socket closed or is closing: stop everything it started. */
  closed(code: number, reason: string): void {
    if (this.#closedWith !== null) return;
    this.#closedWith = { code, reason };
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
    if (this.#ws.readyState <= OPEN) {
      try {
        this.#ws.close(code, closeReason(reason));
      } catch {
        // already closing
      }
    }
    this.closed(code, reason);
  }

  /** The original protocol has no reconnect notice: the 1012 close says it. */
  notifyReconnect(): void {}

  async #start(): Promise<boolean> {
    const hooks: SocketHooks = {
      close: (code, reason) => this.close(code, reason),
      onClose: (listener) => {
        const closed = this.#closedWith;
        if (closed === null) this.#closeListeners.push(listener);
        else queueMicrotask(() => listener(closed)); // closed while connecting
      },
    };
    let ctx: AppContext;
    try {
      ctx = await this.#opts.createContext({
        req: this.#opts.request,
        connectionParams: this.#opts.connectionParams,
        socket: hooks,
      });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.#send(this.#errorOf(error));
      this.close(CLOSE_REFUSED, `connection refused: ${error.message}`);
      return false;
    }
    const client = new LegacyClient(ctx, {
      onError: (error, path) => this.#opts.onError?.(error, path),
    });
    const signal = this.#lifetime.signal;
    const hub = client.hubEvents(this.#cursor.hub, signal);
    const welcome = await hub.next();
    if (welcome.done || signal.aborted) return false;
    this.#cursor.hubDelivered(welcome.value.id);
    this.#send(welcome.value.message);
    this.#client = client;
    if (!this.#cursorValid) {
      this.#send(this.#errorOf(
        new TRPCError({
          code: "BAD_REQUEST",
          message: `last_event_id ${
            JSON.stringify(this.#opts.lastEventId?.slice(0, 80))
          } is not an event id of this endpoint (it is the event_id of a message received here); live messages follow.`,
        }),
        "EVENTS_LOST",
      ));
    }
    const rest = { [Symbol.asyncIterator]: () => hub };
    pump(
      rest,
      this.#sink((delivery) => {
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
      for (const reply of answer.replies) this.#send(reply);
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
    const sink = this.#sink((delivery) => {
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
      this.#send(this.#errorOf(getTRPCErrorFromUnknown(cause)));
    }).finally(() => {
      if (this.#game !== stop) return;
      this.#game = null;
      client.following = null;
    });
  }

  #sink(onDeliver: (delivery: LegacyDelivery) => void): PumpSink {
    const ws = this.#ws;
    return {
      deliver: (result) => {
        const delivery = (result as { data: unknown }).data as LegacyDelivery;
        onDeliver(delivery);
        this.#send(delivery.message, false);
      },
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
      isOpen: () => ws.readyState === OPEN,
      close: (code, reason) => this.close(code, reason),
    };
  }

  /** Sends a message stamped with the cursor; bounded like a subscription. */
  #send(message: LegacyOutgoing, checkBuffer = true): void {
    const ws = this.#ws;
    if (ws.readyState !== OPEN) return;
    message["event_id"] = String(this.#cursor);
    try {
      ws.send(JSON.stringify(message));
    } catch {
      return; // the socket is closing; its close event cleans up
    }
    if (checkBuffer && ws.bufferedAmount > this.#opts.maxBufferedBytes) {
      this.close(
        CLOSE_SLOW_CONSUMER,
        `slow consumer: ${ws.bufferedAmount} bytes unread; reconnect and resume with last_event_id`,
      );
    }
  }

  #refuse(code: TRPCError["code"], message: string): void {
    this.#send(this.#errorOf(new TRPCError({ code, message })));
  }

  #errorOf(error: TRPCError, code?: string): LegacyOutgoing {
    const signer = this.#client?.signer() ??
      { client_id: "server", timestamp: Date.now() / 1000 };
    const out = errorMessage(error, { about: {}, signer });
    if (code !== undefined) out["code"] = code;
    return out;
  }

  #report(cause: unknown, path: string | undefined): void {
    try {
      this.#opts.onError?.(getTRPCErrorFromUnknown(cause), path);
    } catch {
      // a failing logger never takes the socket down
    }
  }
}

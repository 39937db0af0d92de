/**
 * Test helpers for the original JSON protocol at `/ws/{client_id}`: a
 * socket that checks every message the server sends against the
 * contract's schema, and a scripted legacy agent. Every wait is bounded.
 * @module
 */
import assert from "node:assert/strict";
import { LegacyServerMessageSchema } from "../src/mod.ts";
import { connectClient, opened, within } from "./_helpers.ts";

/** A message from the server: the schema checked it. */
export type Message = Record<string, unknown> & {
  message_type: string;
  client_id: string;
  timestamp: number;
  event_id: string;
  data: Record<string, unknown>;
};

/** A client of `/ws/{client_id}`; `await using` closes it. */
export class LegacySocket implements AsyncDisposable {
  /** The socket. */
  readonly ws: WebSocket;
  /** The close event, once closed. */
  readonly closed: Promise<CloseEvent>;
  /** Every message received so far, in order. */
  readonly received: Message[] = [];
  #read = 0;
  #wake: (() => void) | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as Message;
      const checked = LegacyServerMessageSchema.safeParse(message);
      assert.ok(
        checked.success,
        `not a server message: ${String(event.data)}: ${checked.error}`,
      );
      this.received.push(message);
      this.#wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (event) => {
        resolve(event);
        this.#wake?.();
      };
    });
  }

  /** Opens `ws://127.0.0.1:PORT/ws/{path}` (path with its query string). */
  static async open(
    port: number,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<LegacySocket> {
    const url = `ws://127.0.0.1:${port}/ws/${path}`;
    const socket = new LegacySocket(new WebSocket(url, { headers }));
    await opened(socket.ws, url);
    return socket;
  }

  /** Sends a message (objects as JSON). */
  send(message: unknown): void {
    this.ws.send(
      typeof message === "string" ? message : JSON.stringify(message),
    );
  }

  /** The next message not read yet. */
  async next(timeoutMs = 5000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read >= this.received.length) {
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error("socket closed");
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a message");
      await within(
        new Promise<void>((resolve) => (this.#wake = resolve)),
        left,
        "a message",
      ).finally(() => (this.#wake = null));
    }
    return this.received[this.#read++] as Message;
  }

  /** Reads until a message matches (at most `max` messages). */
  async until(
    match: (message: Message) => boolean,
    opts: { max?: number; timeoutMs?: number } = {},
  ): Promise<Message> {
    for (let i = 0; i < (opts.max ?? 500); i++) {
      const message = await this.next(opts.timeoutMs ?? 10_000);
      if (match(message)) return message;
    }
    throw new Error("no matching message");
  }

  /** Reads until a message of `type` (answering `request_id`, if given). */
  nextOf(type: string, requestId?: string | number): Promise<Message> {
    return this.until((m) =>
      m.message_type === type &&
      (requestId === undefined || m["request_id"] === requestId)
    );
  }

  /** Sends a request with `request_id` and reads its `result` or `error`. */
  async request(
    message: Record<string, unknown>,
    requestId = `r${Math.random()}`,
  ): Promise<Message> {
    this.send({ ...message, request_id: requestId });
    return await this.until((m) =>
      (m.message_type === "result" || m.message_type === "error") &&
      m["request_id"] === requestId
    );
  }

  /** Closes the socket and waits for the close. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.ws.readyState < WebSocket.CLOSING) this.ws.close();
    await within(this.closed, 5000, "legacy socket close");
  }
}

/** A game event as a legacy message carries it. */
export type LegacyEvent = Record<string, unknown> & { type: string };

/**
 * Plays as a legacy agent already seated on `socket` until `game_over`,
 * answering every `your_turn` with the first option; returns every game
 * event it saw, in order.
 */
export async function playLegacy(
  socket: LegacySocket,
  opts: { me: string; say?: string },
): Promise<LegacyEvent[]> {
  const events: LegacyEvent[] = [];
  for (let i = 0; i < 5000; i++) {
    const message = await socket.next(30_000);
    if (message.message_type === "your_turn") {
      const turn = message as Message & { request: string; options: string[] };
      events.push(message["event"] as LegacyEvent);
      const target = turn.options.find((id) => id !== opts.me) ?? null;
      const actionId = `turn-${message["seq"]}`;
      if (turn.request === "speak") {
        socket.send({ message_type: "say", text: opts.say ?? "", actionId });
      } else if (turn.request === "vote") {
        socket.send({ message_type: "vote", target, actionId });
      } else if (turn.request === "bid") {
        socket.send({ message_type: "bid", amount: 1, actionId });
      } else if (turn.request === "witch") {
        socket.send({
          message_type: "act",
          action: { kind: "witch_pass" },
          actionId,
        });
      } else {
        const action = target === null
          ? { kind: turn.request }
          : { kind: turn.request, target };
        socket.send({ message_type: "act", action, actionId });
      }
    } else if (message.message_type === "game_event") {
      const event = message["event"] as LegacyEvent;
      events.push(event);
      if (event.type === "game_over") return events;
    }
  }
  throw new Error("the game did not end within 5000 messages");
}

/** Creates a game over tRPC (development mode: anyone may). */
export async function createGame(
  url: string,
  settings: { players: number; seed: number },
): Promise<string> {
  await using host = connectClient(url, { clientType: "ui" });
  const { gameId } = await host.trpc.lobby.createGame.mutate({
    ...settings,
    actionTimeoutMs: 20_000,
    discussionRounds: 1,
  });
  return gameId;
}

/** A legacy agent that joined `gameId`: its socket, seat and token. */
export async function joinLegacy(
  port: number,
  opts: { gameId: string; name: string },
): Promise<{ socket: LegacySocket; playerId: string; seatToken: string }> {
  const socket = await LegacySocket.open(
    port,
    `legacy_${opts.name}?client_type=agent`,
  );
  const joined = await socket.request({
    message_type: "join_game",
    gameId: opts.gameId,
    name: opts.name,
  });
  assert.equal(joined.message_type, "result", JSON.stringify(joined));
  const result = joined["result"] as { playerId: string; seatToken: string };
  return { socket, ...result };
}

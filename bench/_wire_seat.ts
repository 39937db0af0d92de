/**
 * One wire-level bot's connection (`_wire_bot.ts`): tRPC's JSON-RPC frames
 * with superjson's `{"json": ...}` envelope on a plain TCP WebSocket
 * (`_wire_socket.ts`), calls matched to their replies by id, one
 * subscription's tracked events. Like the official client it reconnects
 * when the server drops the socket (a loaded server's runtime ping gives up
 * on a socket it did not read in time: close 1001): it sends the seat token
 * in the new `connectionParams`, resubscribes with the last event id, and
 * sends the unanswered calls again (their actionIds make them idempotent).
 * The reconnections are counted.
 * @module
 */
import type { GameEvent } from "../src/mod.ts";
import { WireSocket } from "./_wire_socket.ts";

/** The subscription's id on every connection (calls count from 2). */
const EVENTS_ID = 1;
/** Reconnections a seat makes at most (then its game fails). */
const MAX_RECONNECTS = 20;

/** A reply: `result` (its output in `data.json`) or `error` (in `json`). */
export type Reply = Record<string, unknown>;

/** A seat's connection; see the module's documentation. */
export class WireSeat {
  #url: string;
  #clientId: string;
  #socket: WireSocket | null = null;
  #next = EVENTS_ID + 1;
  #calls = new Map<number, { frame: string; resolve: (r: Reply) => void }>();
  #subscription: { path: string; input: Record<string, unknown> } | null = null;
  #lastEventId: string | null = null;
  #closing = false;
  /** The seat token, sent in `connectionParams` once known. */
  token: string | undefined;
  /** How many times the server dropped the socket and it reconnected. */
  reconnects = 0;
  onEvent: (event: GameEvent) => void = () => {};
  onEnd: (error: Error) => void = () => {};

  private constructor(url: string, clientId: string) {
    this.#url = `${url}?connectionParams=1`;
    this.#clientId = clientId;
  }

  /** Connects as the agent `clientId`. */
  static async open(url: string, clientId: string): Promise<WireSeat> {
    const seat = new WireSeat(url, clientId);
    await seat.#connect();
    return seat;
  }

  /** Calls mutation `path`; resolves with its reply (an answer or a refusal). */
  mutate(path: string, input: unknown): Promise<Reply> {
    const id = this.#next++;
    const frame = JSON.stringify({
      id,
      method: "mutation",
      params: { path, input: { json: input } },
    });
    this.#socket?.send(frame);
    return new Promise((resolve) => this.#calls.set(id, { frame, resolve }));
  }

  /** Subscribes to `path` (one subscription per seat). */
  subscribe(path: string, input: Record<string, unknown>): void {
    this.#subscription = { path, input };
    this.#socket?.send(this.#subscribeFrame());
  }

  /** Closes the connection (no reconnection after). */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#socket?.close();
  }

  async #connect(): Promise<void> {
    const socket = await WireSocket.open(this.#url, (t) => this.#receive(t));
    this.#socket = socket;
    const data = { clientId: this.#clientId, clientType: "agent" };
    socket.send(JSON.stringify({
      method: "connectionParams",
      data: this.token ? { ...data, token: this.token } : data,
    }));
    if (this.#subscription) socket.send(this.#subscribeFrame());
    for (const { frame } of this.#calls.values()) socket.send(frame);
    socket.done.then(() => this.#dropped(socket));
  }

  #dropped(socket: WireSocket): void {
    if (this.#closing || socket !== this.#socket) return;
    this.#socket = null;
    if (this.reconnects >= MAX_RECONNECTS) {
      const message = `the socket closed (${socket.ending})`;
      for (const { resolve } of this.#calls.values()) {
        resolve({ error: { json: { message } } });
      }
      this.#calls.clear();
      return this.onEnd(new Error(message));
    }
    const wait = Math.min(50 * 2 ** this.reconnects++, 1000);
    setTimeout(() => {
      if (this.#closing) return;
      this.#connect().catch(() => this.#dropped(socket));
    }, wait);
  }

  #subscribeFrame(): string {
    const { path, input } = this.#subscription!;
    const lastEventId = this.#lastEventId;
    return JSON.stringify({
      id: EVENTS_ID,
      method: "subscription",
      params: {
        path,
        input: { json: lastEventId ? { ...input, lastEventId } : input },
      },
    });
  }

  #receive(text: string): void {
    const reply = JSON.parse(text) as {
      id?: number;
      result?: {
        type: string;
        id?: string;
        data?: { json: { data: GameEvent } };
      };
      error?: unknown;
    };
    if (reply.id === EVENTS_ID) {
      if (reply.result?.type === "data") {
        if (reply.result.id !== undefined) this.#lastEventId = reply.result.id;
        this.onEvent(reply.result.data!.json.data); // tracked: {id, data}
      } else if (reply.error !== undefined) {
        this.onEnd(new Error(`the subscription failed: ${text}`));
      }
      return;
    }
    const call = this.#calls.get(reply.id!);
    this.#calls.delete(reply.id!);
    call?.resolve(reply);
  }
}

import type { TRPCError } from "@trpc/server";
import type { LegacyCursor } from "./cursor.ts";
import type { LegacyDelivery } from "./legacy_client.ts";
import {
  errorMessage,
  type LegacyOutgoing,
  type LegacySigner,
} from "./messages.ts";
import { SERVER_CLIENT_ID } from "../contract/mod.ts";
import { CLOSE_SLOW_CONSUMER } from "../hub/mod.ts";
import type { PumpSink } from "../ws/_pump.ts";
import { frameSize, OPEN, type WireSocket } from "../ws/_wire.ts";
import type { WSObserver } from "../ws/ws_options.ts";

/**
 * The way out of a legacy socket: every message stamped with the cursor as
 * `event_id`, JSON-encoded, and a client whose unsent bytes pass
 * `maxBufferedBytes` closed as a slow consumer (4003).
 */
export class Outbox {
  #ws: WireSocket;
  #cursor: LegacyCursor;
  #maxBufferedBytes: number;
  #close: (code: number, reason: string) => void;
  #signer: () => LegacySigner | null;
  #observer: WSObserver | undefined;

  constructor(
    ws: WireSocket,
    opts: {
      cursor: LegacyCursor;
      maxBufferedBytes: number;
      close: (code: number, reason: string) => void;
      signer: () => LegacySigner | null;
      observer?: WSObserver | undefined;
    },
  ) {
    this.#observer = opts.observer;
    this.#ws = ws;
    this.#cursor = opts.cursor;
    this.#maxBufferedBytes = opts.maxBufferedBytes;
    this.#close = opts.close;
    this.#signer = opts.signer;
  }

  /** Sends a message; `checkBuffer` false when a pump bounds the buffer. */
  send(message: LegacyOutgoing, checkBuffer = true): void {
    const ws = this.#ws;
    if (ws.readyState !== OPEN) return;
    message["event_id"] = String(this.#cursor);
    try {
      const frame = JSON.stringify(message);
      ws.send(frame);
      this.#observer?.sent?.(frameSize(frame));
    } catch {
      return; // the socket is closing; its close event cleans up
    }
    if (checkBuffer && ws.bufferedAmount > this.#maxBufferedBytes) {
      this.#close(
        CLOSE_SLOW_CONSUMER,
        `slow consumer: ${ws.bufferedAmount} bytes unread; reconnect and resume with last_event_id`,
      );
    }
  }

  /** Sends an `error` message; `code` replaces the tRPC code (EVENTS_LOST). */
  error(error: TRPCError, code?: string): void {
    const signer = this.#signer() ??
      { client_id: SERVER_CLIENT_ID, timestamp: Date.now() / 1000 };
    const out = errorMessage(error, { about: {}, signer });
    if (code !== undefined) out["code"] = code;
    this.send(out);
  }

  /** A pump's sink: `onDeliver` moves the cursor, then the message goes out. */
  sink(onDeliver: (delivery: LegacyDelivery) => void): PumpSink {
    const ws = this.#ws;
    return {
      deliver: (result) => {
        const delivery = (result as { data: unknown }).data as LegacyDelivery;
        onDeliver(delivery);
        this.send(delivery.message, false);
        this.#observer?.delivered?.();
      },
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
      isOpen: () => ws.readyState === OPEN,
      close: (code, reason) => this.#close(code, reason),
    };
  }
}

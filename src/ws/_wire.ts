import { TRPCError } from "@trpc/server";
import { dropConnection } from "./_drop.ts";

/** What the adapter needs of a WebSocket (Deno's satisfies it). */
export interface WireSocket {
  /** Sends one frame: text, or binary for bytes. */
  send(data: string | Uint8Array<ArrayBuffer>): void;
  /** Closes with a code and a reason. */
  close(code?: number, reason?: string): void;
  /** 1 while open. */
  readonly readyState: number;
  /** Bytes queued to send. */
  readonly bufferedAmount: number;
  /** Deno's: lets {@linkcode closeSocket} cancel its drop at the close event. */
  addEventListener?(
    type: "close",
    listener: () => void,
    options: { once: boolean },
  ): void;
}

/** `WebSocket.OPEN`. */
export const OPEN = 1;

const encoder = new TextEncoder();

/** The UTF-8 size of a string, counted only as far as `limit` needs. */
export function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // cannot exceed the limit
  if (text.length > limit) return text.length;
  return encoder.encode(text).byteLength;
}

/**
 * The size of a frame as metrics count it, for nothing: a binary frame's
 * bytes, a text frame's length in UTF-16 code units, which is its UTF-8
 * size for ASCII and a lower bound otherwise (counting UTF-8 exactly costs
 * a pass over the text, as much as a small call's other counting).
 */
export function frameSize(frame: string | Uint8Array): number {
  return typeof frame === "string" ? frame.length : frame.byteLength;
}

/** A close reason cut to the 123 bytes RFC 6455 allows. */
export function closeReason(reason: string): string {
  if (encoder.encode(reason).byteLength <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (encoder.encode(cut + "...").byteLength > 123) cut = cut.slice(0, -1);
  return cut + "...";
}

/** The id of a raw message when it has a usable one, else null. */
export function rawId(raw: unknown): number | string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "number" || typeof id === "string" ? id : null;
}

/** A PARSE_ERROR (tRPC's code) that says what a message got wrong. */
export function malformed(cause: unknown): TRPCError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new TRPCError({
    code: "PARSE_ERROR",
    message:
      `Malformed tRPC message (${detail}): expected {"id", "method": "query" | "mutation" | "subscription" | "subscription.stop", "params": {"path", "input"}}.`,
    cause,
  });
}

/** Whether a value can be iterated with `for await`. */
export function isAsyncIterable(
  value: unknown,
): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null &&
    Symbol.asyncIterator in value;
}

/** Resolves after the event loop had a turn (lets socket writes run). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A JSON response with a status and extra headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: HeadersInit = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * Starts closing `ws` with `code` and `reason` (cut to 123 bytes) unless it
 * is already closing or closed. With `dropAfterMs` > 0 and a socket that
 * has `addEventListener` (Deno's), the connection is dropped when its close
 * event has not come that many milliseconds later: a peer that stops
 * reading never completes the handshake (as the `ws` package's
 * `closeTimeout`).
 */
export function closeSocket(
  ws: WireSocket,
  code: number,
  reason: string,
  dropAfterMs = 0,
): void {
  if (ws.readyState > OPEN) return;
  try {
    ws.close(code, closeReason(reason));
  } catch {
    return; // already closing
  }
  if (dropAfterMs > 0 && ws.addEventListener !== undefined) {
    const timer = setTimeout(() => dropConnection(ws), dropAfterMs);
    ws.addEventListener("close", () => clearTimeout(timer), { once: true });
  }
}

import { TRPCError } from "@trpc/server";
import { parseConnectionParamsFromUnknown } from "@trpc/server/http";
import {
  parseTRPCMessage,
  type TRPCClientOutgoingMessage,
} from "@trpc/server/rpc";
import { malformed, rawId, utf8Length } from "./_wire.ts";
import { batchSizeMessage } from "./_message_limits.ts";

/** A request id. */
export type Id = number | string;

/** What is known of a call, for errors and `onError`. */
export type Call = { path: string | undefined; type: string; input: unknown };

/** No call: an error about the frame or the connection. */
export const NO_CALL: Call = {
  path: undefined,
  type: "unknown",
  input: undefined,
};

/** A frame as the adapter reads it: text, or the bytes of a binary frame. */
export type WireData = string | Uint8Array<ArrayBuffer>;

/** A frame refused before it is read, and the calls to answer for it. */
export interface Refusal {
  /** Why. */
  error: TRPCError;
  /** The ids of the calls it holds, when they could be read without parsing it. */
  ids: Id[];
}

/** A frame's data as the adapter reads it, or the error for data it cannot read. */
export function wireDataOf(data: unknown): WireData | TRPCError {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new TRPCError({
    code: "UNPROCESSABLE_CONTENT",
    message: "Unexpected WebSocket message format",
  });
}

/**
 * A refusal for a frame over `maxBytes`, or null. The calls of a refused
 * JSON text frame are answered under their ids when a cheap scan finds
 * them (at most `maxIds`, see {@linkcode scanCallIds}); the frame itself is
 * never parsed.
 */
export function refuseOversize(
  data: WireData,
  opts: { maxBytes: number; maxIds: number; scan: boolean },
): Refusal | null {
  const { maxBytes } = opts;
  const size = typeof data === "string"
    ? utf8Length(data, maxBytes)
    : data.byteLength;
  if (size <= maxBytes) return null;
  const error = new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message:
      `Frame of ${size} bytes refused: the limit is ${maxBytes} bytes per frame; send less in one call, or fewer calls at once.`,
  });
  const ids = opts.scan && typeof data === "string"
    ? scanCallIds(data, opts.maxIds)
    : [];
  return { error, ids };
}

/**
 * The start of a call as `JSON.stringify` writes the official client's
 * messages (`{"id":…,"method":"query",…`), with a number or a short string
 * id. The pattern begins with a literal, so the engine skips through the
 * text to each candidate, and every part of it is bounded: a scan is linear.
 */
const CALL_START =
  /\{"id":(-?\d{1,16}|"[^"\\]{0,64}")(?:,"jsonrpc":"2\.0")?,"method":"(?:query|mutation|subscription)"/g;

/**
 * The ids of the calls in a JSON text frame, found without parsing it (at
 * most `max`, first ones first). An object of the same shape inside a
 * call's input would be taken for a call too: its id is then answered with
 * the frame's error, which only its own connection can see.
 */
export function scanCallIds(text: string, max: number): Id[] {
  const ids: Id[] = [];
  const seen = new Set<Id>();
  CALL_START.lastIndex = 0;
  for (const match of text.matchAll(CALL_START)) {
    const raw = match[1]!;
    const id = raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    if (ids.length >= max) break;
  }
  return ids;
}

/** A frame read into calls to run and refusals to answer. */
export interface Frame {
  /** The well-formed calls, with their place in the batch. */
  calls: { message: TRPCClientOutgoingMessage; index: number }[];
  /** What to answer with an error (id null when no id could be read). */
  refusals: { id: Id | null; error: TRPCError }[];
}

/**
 * Reads a decoded frame: one tRPC message or a batch of 1 to
 * `maxBatchSize`. A batch over the limit is refused call by call, as tRPC
 * does (every call with an id but `subscription.stop` gets the error). A
 * malformed message in a batch is refused on its own, under its id when it
 * has one, so its caller is answered and the others still run.
 */
export function readFrame(
  parsed: unknown,
  options: {
    maxBatchSize: number;
    transformer: Parameters<typeof parseTRPCMessage>[1];
  },
): Frame {
  const batch = Array.isArray(parsed) ? parsed : [parsed];
  const frame: Frame = { calls: [], refusals: [] };
  if (batch.length === 0 || batch.length > options.maxBatchSize) {
    const error = new TRPCError({
      code: "BAD_REQUEST",
      message: `${
        batchSizeMessage(options.maxBatchSize, batch.length)
      } The official client sends the calls made in one tick as one frame: make fewer at once.`,
    });
    const ids = batch.filter((raw) => !isStop(raw)).map(rawId)
      .filter((id) => id !== null);
    if (ids.length === 0) frame.refusals.push({ id: null, error });
    for (const id of ids) frame.refusals.push({ id, error });
    return frame;
  }
  for (const [index, raw] of batch.entries()) {
    try {
      frame.calls.push({
        message: parseTRPCMessage(raw, options.transformer),
        index,
      });
    } catch (cause) {
      frame.refusals.push({ id: rawId(raw), error: malformed(cause) });
    }
  }
  return frame;
}

function isStop(raw: unknown): boolean {
  return typeof raw === "object" && raw !== null &&
    (raw as { method?: unknown }).method === "subscription.stop";
}

/**
 * Reads the `connectionParams` message that comes first with
 * `?connectionParams=1`, as `decode` reads the frame.
 */
export function readConnectionParams(
  decode: () => unknown,
): Record<string, string | undefined> | null {
  let message: unknown;
  try {
    message = decode();
  } catch (cause) {
    throw new TRPCError({
      code: "PARSE_ERROR",
      message: `The first message must be the connectionParams message (${
        (cause as Error).message
      }).`,
      cause,
    });
  }
  if (
    typeof message !== "object" || message === null ||
    (message as { method?: unknown }).method !== "connectionParams"
  ) {
    throw new TRPCError({
      code: "PARSE_ERROR",
      message:
        'With ?connectionParams=1 the first message must be {"method": "connectionParams", "data": {...}}.',
    });
  }
  try {
    return parseConnectionParamsFromUnknown(
      (message as { data?: unknown }).data,
    );
  } catch (cause) {
    const detail = cause instanceof Error && cause.cause instanceof Error
      ? cause.cause.message
      : "";
    throw new TRPCError({
      code: "PARSE_ERROR",
      message:
        `connectionParams must be an object of string values (${detail}).`,
      cause,
    });
  }
}

/**
 * A call's input with its `lastEventId` merged in, as tRPC's adapters do:
 * into an object input, or as `{ lastEventId }` when there is no input.
 */
export function inputWithLastEventId(
  params: { input?: unknown; lastEventId?: string | null | undefined },
): unknown {
  const { input, lastEventId } = params;
  if (lastEventId === undefined) return input;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    return { ...input, lastEventId };
  }
  return input ?? { lastEventId };
}

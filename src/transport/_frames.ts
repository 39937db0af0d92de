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

/**
 * Why a frame is refused before it is read, or null: binary frames are
 * refused, frames over `maxBytes` are refused and end the connection.
 */
export function refuseFrame(
  data: unknown,
  maxBytes: number,
): { error: TRPCError; close: boolean } | null {
  if (typeof data !== "string") {
    const error = new TRPCError({
      code: "UNPROCESSABLE_CONTENT",
      message:
        "Binary frames are not accepted: send tRPC messages as JSON text frames.",
    });
    return { error, close: false };
  }
  const size = utf8Length(data, maxBytes);
  if (size <= maxBytes) return null;
  const error = new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message:
      `Frame of ${size} bytes refused: the limit is ${maxBytes} bytes per frame.`,
  });
  return { error, close: true };
}

/** A frame read into calls to run and refusals to answer. */
export interface Frame {
  /** The well-formed calls, with their place in the batch. */
  calls: { message: TRPCClientOutgoingMessage; index: number }[];
  /** What to answer with an error (id null when no id could be read). */
  refusals: { id: Id | null; error: TRPCError }[];
}

/**
 * Reads a text frame: one tRPC message or a batch of 1 to `maxBatchSize`.
 * A malformed message in a batch is refused on its own, under its id when
 * it has one, so its caller is answered and the others still run.
 */
export function readFrame(
  data: string,
  options: {
    maxBatchSize: number;
    transformer: Parameters<typeof parseTRPCMessage>[1];
  },
): Frame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (cause) {
    const error = new TRPCError({
      code: "PARSE_ERROR",
      message: `The frame is not JSON (${
        (cause as Error).message
      }): send tRPC messages as JSON.`,
      cause,
    });
    return { calls: [], refusals: [{ id: null, error }] };
  }
  const batch = Array.isArray(parsed) ? parsed : [parsed];
  const frame: Frame = { calls: [], refusals: [] };
  if (batch.length === 0 || batch.length > options.maxBatchSize) {
    const error = new TRPCError({
      code: "BAD_REQUEST",
      message: batchSizeMessage(options.maxBatchSize, batch.length),
    });
    const ids = batch.map(rawId).filter((id) => id !== null);
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

/** Reads the `connectionParams` message that comes first with `?connectionParams=1`. */
export function readConnectionParams(
  data: string,
): Record<string, string | undefined> | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch (cause) {
    throw new TRPCError({
      code: "PARSE_ERROR",
      message:
        "The first message must be the connectionParams message, as JSON.",
      cause,
    });
  }
  if (
    typeof message !== "object" || message === null ||
    (message as { method?: unknown }).method !== "connectionParams"
  ) {
    throw new TRPCError({
      code: "BAD_REQUEST",
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

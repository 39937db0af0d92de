import {
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
} from "@trpc/server";
import type { TRPCErrorShape } from "@trpc/server/rpc";
import type { Call } from "./_frames.ts";

/** What the client gets when the router's error formatter itself fails. */
const FALLBACK_SHAPE: TRPCErrorShape = {
  code: -32603,
  message: "Internal server error",
  data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
};

/**
 * The error shape a client receives, made by the router's formatter; a
 * formatter that throws is reported and replaced by a minimal shape, so the
 * call is still answered.
 */
export function errorShapeOf(
  router: AnyRouter,
  opts: {
    error: TRPCError;
    call: Call;
    ctx: unknown;
    onFormatError: (error: TRPCError) => void;
  },
): TRPCErrorShape {
  try {
    return getErrorShape({
      config: router._def._config,
      ctx: opts.ctx,
      error: opts.error,
      path: opts.call.path,
      input: opts.call.input,
      type: opts.call.type as "query",
    });
  } catch (cause) {
    opts.onFormatError(getTRPCErrorFromUnknown(cause));
    return FALLBACK_SHAPE;
  }
}

/** What a call can get wrong before or after its procedure runs. */
export type CallFault = "no id" | "duplicate" | "iterable" | "not iterable";

/**
 * The error for a call the protocol cannot serve; `about` is the call's id
 * (duplicate), type (iterable) or path (not iterable).
 */
export function callError(fault: CallFault, about?: unknown): TRPCError {
  switch (fault) {
    case "no id":
      return new TRPCError({
        code: "PARSE_ERROR",
        message: "Every call needs an `id` (a number or a string).",
      });
    case "duplicate":
      return new TRPCError({
        code: "BAD_REQUEST",
        message:
          `Duplicate id ${about}: a call with this id is still running; give every call its own id.`,
      });
    case "iterable":
      return new TRPCError({
        code: "UNSUPPORTED_MEDIA_TYPE",
        message:
          `Cannot return an async iterable or observable from a ${about} procedure with WebSockets`,
      });
    case "not iterable":
      return new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message:
          `Subscription ${about} did not return an observable or a AsyncGenerator`,
      });
  }
}

import {
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPCError,
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

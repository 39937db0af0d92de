import { TRPCError } from "@trpc/server";
import { CLOSE_TOO_BIG } from "../hub/mod.ts";
import { TokenBucket } from "../ws/_rate_limit.ts";
import { utf8Length } from "../ws/_wire.ts";
import type { WSLimit } from "../ws/ws_options.ts";

/** Why a frame is refused, and the close code when the socket must go. */
export interface FrameRefusal {
  /** The error the client is sent. */
  error: TRPCError;
  /** Close with this code after the error (too big), or keep serving. */
  close?: number;
  /** The limit that refused it (none for a binary frame). */
  limit?: WSLimit;
}

/**
 * The limits every frame of a legacy socket passes, as on the tRPC socket:
 * text only, at most `maxMessageBytes`, and a token bucket over messages.
 */
export class FrameGate {
  #maxBytes: number;
  #rate: { perSecond: number; burst: number } | undefined;
  #bucket: TokenBucket | null;

  constructor(opts: {
    maxMessageBytes: number;
    rateLimit?: { perSecond: number; burst: number } | undefined;
    now?: (() => number) | undefined;
  }) {
    this.#maxBytes = opts.maxMessageBytes;
    this.#rate = opts.rateLimit;
    this.#bucket = opts.rateLimit === undefined
      ? null
      : new TokenBucket(opts.rateLimit, opts.now ?? (() => performance.now()));
  }

  /** Null when `data` may be read, else why not. */
  check(data: unknown): FrameRefusal | null {
    if (typeof data !== "string") {
      return {
        error: new TRPCError({
          code: "UNPROCESSABLE_CONTENT",
          message:
            "Binary frames are not accepted: send each message as a JSON text frame.",
        }),
      };
    }
    const max = this.#maxBytes;
    const size = utf8Length(data, max);
    if (size > max) {
      const message =
        `Frame of ${size} bytes refused: the limit is ${max} bytes per frame.`;
      const error = new TRPCError({ code: "PAYLOAD_TOO_LARGE", message });
      return { error, close: CLOSE_TOO_BIG, limit: "frame_size" };
    }
    const wait = this.#bucket?.take() ?? 0;
    if (wait === 0) return null;
    const { perSecond, burst } = this.#rate!;
    return {
      limit: "rate",
      error: new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message:
          `Too many messages: a connection may send ${perSecond} messages per second on average and ${burst} at once; retry in ${wait} ms.`,
      }),
    };
  }
}

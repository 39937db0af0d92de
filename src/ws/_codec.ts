import {
  type AnyRouter,
  type CombinedDataTransformer,
  transformTRPCResponse,
  TRPCError,
} from "@trpc/server";
import type { TRPCResponseMessage } from "@trpc/server/rpc";
import type SuperJSON from "superjson";
import type { WireData } from "./_frames.ts";
import { hasNoCustomTypes, superjsonOf } from "./_internals.ts";
import { isPlainJson } from "./_plain_json.ts";
import type { Encoder } from "./ws_options.ts";

type Mode = "identity" | "superjson" | "other";
/**
 * The encoded frames of one frozen tracked value: the first call id's, the
 * next ones' by call id (a value sent once costs no map), and what follows
 * the call id in any frame of it (`tail` without `jsonrpc`, `rpcTail` with
 * it), for the call ids past those kept: one concatenation per frame.
 */
type Frames = {
  trackedId: string;
  key: string | number | null;
  frame: string;
  more?: Map<string | number | null, string>;
  tail?: string;
  rpcTail?: string;
};

/** A frame's call id and `jsonrpc` as one key (1 and "1" stay apart). */
function frameKeyOf(message: ResultMessage): string | number | null {
  return message.jsonrpc === "2.0"
    ? `2.0:${JSON.stringify(message.id)}`
    : message.id;
}

/** Call ids whose frame is kept per frozen tracked value. */
const FRAMES_PER_VALUE = 4;
type ResultMessage = Extract<TRPCResponseMessage, { result: unknown }>;

/**
 * The wire encoding of one router's messages, with fast paths that give the
 * same JSON as tRPC's `transformTRPCResponse` + `JSON.stringify`:
 *
 * - superjson (its default instance or any instance with no custom
 *   transformers) has nothing to annotate in plain JSON data, so such data
 *   is written as `{"json": ...}` without walking it through superjson; a
 *   router with no transformer writes the data as it is;
 * - input is deserialized in place: the frame was parsed just for this call;
 *   a call with no input at all gets `undefined`, and one whose input is
 *   not superjson's `{"json", "meta"?}` object is refused with a sentence
 *   that says so;
 * - a frozen value is taken to be immutable: its JSON text is computed once
 *   and reused for every subscriber that receives it (the hub freezes what it
 *   routes, so one event sent to a thousand sockets is serialized once); a
 *   frozen tracked value's whole frame is kept too, per call id (subscribers
 *   whose subscription has the same id get the very same string).
 *
 * Anything else (errors, Dates, Maps, `undefined` inside objects, custom
 * transformers) takes tRPC's own path. With an `experimental_encoder`,
 * every message takes tRPC's path and the encoder writes and reads the
 * frames (text or binary, as it likes).
 */
export class Codec {
  #config: AnyRouter["_def"]["_config"];
  #mode: Mode;
  #superjson: SuperJSON | null;
  #texts = new WeakMap<object, string | null>();
  #frames = new WeakMap<object, Frames>();
  #encoder: Encoder | undefined;
  /** The router's transformer with in-place input deserialization. */
  readonly transformer: CombinedDataTransformer;

  constructor(router: AnyRouter, encoder?: Encoder) {
    this.#config = router._def._config;
    this.#encoder = encoder;
    const { input, output } = this.#config.transformer;
    this.#superjson = superjsonOf(output);
    const probe = {};
    this.#mode = this.#superjson !== null
      ? "superjson"
      : output.serialize(probe) === probe
      ? "identity"
      : "other";
    const inputSuperjson = superjsonOf(input);
    this.transformer = inputSuperjson === null ? this.#config.transformer : {
      input: {
        serialize: (value) => input.serialize(value),
        deserialize: (payload) => {
          if (payload === undefined) return undefined; // no input at all
          if (typeof payload !== "object" || payload === null) {
            throw new TypeError(
              'params.input must be superjson\'s {"json": ..., "meta"?: ...}',
            );
          }
          return inputSuperjson.deserialize(payload, { inPlace: true });
        },
      },
      output,
    };
  }

  /** Whether frames are JSON text written here (no `experimental_encoder`). */
  get json(): boolean {
    return this.#encoder === undefined;
  }

  /** The frame of a response message: {@linkcode encode}, or the encoder's. */
  encodeFrame(message: TRPCResponseMessage): WireData {
    if (this.#encoder === undefined) return this.encode(message);
    return this.#encoder.encode(transformTRPCResponse(this.#config, message));
  }

  /** The JSON text of a response message. */
  encode(message: TRPCResponseMessage): string {
    const fast = "result" in message ? this.#fast(message) : null;
    return fast ?? JSON.stringify(transformTRPCResponse(this.#config, message));
  }

  /** The frame of a message that is not a response (the reconnect notice). */
  encodeNotice(message: object): WireData {
    return this.#encoder?.encode(message) ?? JSON.stringify(message);
  }

  /**
   * A received frame (not `PING`/`PONG`) decoded: JSON text, or whatever
   * the encoder reads. Throws a PARSE_ERROR that says what was wrong.
   */
  decode(data: WireData): unknown {
    if (this.#encoder !== undefined) {
      try {
        return this.#encoder.decode(data);
      } catch (cause) {
        throw new TRPCError({
          code: "PARSE_ERROR",
          message:
            `The frame could not be decoded by the adapter's experimental_encoder (${
              (cause as Error)?.message
            }).`,
          cause,
        });
      }
    }
    if (typeof data !== "string") {
      throw new TRPCError({
        code: "PARSE_ERROR",
        message:
          "Binary frames are not accepted: send tRPC messages as JSON text frames (a binary format needs the adapter's experimental_encoder).",
      });
    }
    try {
      return JSON.parse(data);
    } catch (cause) {
      throw new TRPCError({
        code: "PARSE_ERROR",
        message: `The frame is not JSON (${
          (cause as Error).message
        }): send tRPC messages as JSON.`,
        cause,
      });
    }
  }

  #fast(message: ResultMessage): string | null {
    if (this.#mode === "other" || !hasNoCustomTypes(this.#superjson)) {
      return null;
    }
    const { result } = message;
    const trackedId = result.type === "data" ? result.id : undefined;
    const cached = trackedId === undefined ? undefined : this.#known(message);
    if (cached !== undefined) return cached;
    const callId = JSON.stringify(message.id);
    const rpc = message.jsonrpc === "2.0" ? ',"jsonrpc":"2.0"' : "";
    if (result.type !== "data") {
      return Object.keys(result).length === 1
        ? `{"id":${callId}${rpc},"result":{"type":"${result.type}"}}`
        : null;
    }
    if (trackedId === undefined) {
      const text = this.#text(result.data);
      return text === null
        ? null
        : `{"id":${callId}${rpc},"result":{"type":"data","data":${
          this.#wrap(text)
        }}}`;
    }
    const { id, data } = result.data as { id: unknown; data: unknown };
    if (typeof trackedId !== "string" || id !== trackedId) return null;
    // a frame is kept from a value's second send on: one sent once (a
    // seat's own view) costs no more than its text
    const again = typeof data === "object" && data !== null &&
      this.#texts.has(data);
    const inner = this.#text(data);
    if (inner === null) return null;
    const key = JSON.stringify(trackedId);
    const text = this.#wrap(`{"id":${key},"data":${inner}}`);
    const tail = `${rpc},"result":{"type":"data","id":${key},"data":${text}}}`;
    const frame = `{"id":${callId}${tail}`;
    if (again) {
      this.#remember(data, {
        trackedId,
        frameKey: frameKeyOf(message),
        frame,
        rpc: rpc !== "",
        tail,
      });
    }
    return frame;
  }

  /** The kept frame of a frozen tracked value under this call id, if any. */
  #known(message: ResultMessage): string | undefined {
    const { result } = message;
    if (result.type !== "data") return undefined;
    const tracked = result.data as { id?: unknown; data?: unknown } | null;
    const data = tracked?.data;
    if (typeof data !== "object" || data === null) return undefined;
    if (tracked?.id !== result.id) return undefined;
    const known = this.#frames.get(data);
    if (known === undefined || known.trackedId !== result.id) return undefined;
    const key = frameKeyOf(message);
    const kept = known.key === key ? known.frame : known.more?.get(key);
    if (kept !== undefined) return kept;
    const tail = message.jsonrpc === "2.0" ? known.rpcTail : known.tail;
    return tail === undefined
      ? undefined
      : `{"id":${JSON.stringify(message.id)}${tail}`;
  }

  /**
   * Keeps `frame` for the next subscriber that is sent `data` with the same
   * tracked id under the same call id (most subscribers use the same few):
   * one flat string reused instead of one built per delivery. At most
   * {@linkcode FRAMES_PER_VALUE} call ids per value; past them, the frame's
   * tail after the call id (per `jsonrpc` flavour). The entry goes with the
   * value.
   */
  #remember(
    data: object,
    entry: {
      trackedId: string;
      frameKey: string | number | null;
      frame: string;
      rpc: boolean;
      tail: string;
    },
  ): void {
    const { trackedId, frameKey: key, frame, rpc, tail } = entry;
    const frames = this.#frames.get(data);
    if (frames?.trackedId !== trackedId) {
      this.#frames.set(
        data,
        rpc
          ? { trackedId, key, frame, rpcTail: tail }
          : { trackedId, key, frame, tail },
      );
      return;
    }
    if (rpc) frames.rpcTail ??= tail;
    else frames.tail ??= tail;
    const more = frames.more ??= new Map();
    if (more.size < FRAMES_PER_VALUE - 1) more.set(key, frame);
  }

  #wrap(text: string): string {
    return this.#mode === "superjson" ? `{"json":${text}}` : text;
  }

  /** JSON text of a value that needs no transforming, else null. */
  #text(value: unknown): string | null {
    const shared = typeof value === "object" && value !== null &&
      Object.isFrozen(value);
    if (shared) {
      const known = this.#texts.get(value);
      if (known !== undefined) return known;
    }
    const text = this.#mode === "identity" || isPlainJson(value)
      ? JSON.stringify(value) ?? null
      : null;
    if (shared) this.#texts.set(value, text);
    return text;
  }
}

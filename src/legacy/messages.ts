import { getErrorShape, type TRPCError } from "@trpc/server";
import {
  gameClientId,
  type GameEvent,
  type HubMessage,
  type LegacyEnvelope,
} from "../contract/mod.ts";
import { appRouter } from "../api/router.ts";
import type { AppContext } from "../api/context.ts";
import type { LegacyAbout } from "./parse.ts";

/** A message for a legacy client, before the server stamps its `event_id`. */
export type LegacyOutgoing = Record<string, unknown> & {
  message_type: string;
  client_id: string;
  timestamp: number;
  data: Record<string, unknown>;
};

/** Who signs the server's answers, and when. */
export interface LegacySigner {
  /** The server's `client_id` (the hub's). */
  client_id: string;
  /** Now, in epoch seconds. */
  timestamp: number;
}

/** A hub message as a legacy client gets it: `data` always present. */
export function hubOutgoing(message: HubMessage): LegacyOutgoing {
  return { ...message, data: message.data ?? {} };
}

/** `pong`: the answer to a `ping`; `data.ping_timestamp` echoes its time. */
export function pongMessage(
  ping: LegacyEnvelope,
  signer: LegacySigner,
): LegacyOutgoing {
  return {
    message_type: "pong",
    ...signer,
    data: ping.timestamp === undefined
      ? {}
      : { ping_timestamp: ping.timestamp },
  };
}

/** `result`: a command's answer; `result` is the typed procedure's output. */
export function resultMessage(
  result: unknown,
  opts: { about: LegacyAbout; signer: LegacySigner },
): LegacyOutgoing {
  return {
    message_type: "result",
    ...opts.signer,
    data: {},
    ...opts.about,
    result: result ?? null,
  };
}

/**
 * `error`: the original error message. `error` is the sentence a typed
 * client gets for the same mistake (the router's error formatter makes
 * both), `code` the tRPC code, `data.issues` the fields at fault.
 */
export function errorMessage(
  error: TRPCError,
  opts: {
    about: LegacyAbout;
    signer: LegacySigner;
    ctx?: AppContext | undefined;
    path?: string | undefined;
    input?: unknown;
  },
): LegacyOutgoing {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: "unknown",
    path: opts.path,
    input: opts.input,
    ctx: opts.ctx,
  });
  const issues = shape.data.issues;
  return {
    message_type: "error",
    ...opts.signer,
    data: issues === null ? {} : { issues },
    error: shape.message,
    code: shape.data.code,
    ...opts.about,
  };
}

/**
 * A game event as a legacy client gets it: `your_turn` when the game still
 * waits for that request (so answering every `your_turn` is right), else
 * `game_event` carrying the event.
 */
export function gameEventMessage(
  gameId: string,
  opts: { event: GameEvent; awaited: boolean },
): LegacyOutgoing {
  const { event, awaited } = opts;
  const base = {
    client_id: gameClientId(gameId),
    timestamp: event.at / 1000,
    data: {},
    game_id: gameId,
  };
  if (event.type === "your_turn" && awaited) {
    const { player_id, request, options, amounts, deadline, seq } = event;
    return {
      message_type: "your_turn",
      ...base,
      player_id,
      request,
      options,
      ...(amounts === undefined ? {} : { amounts }),
      deadline,
      seq,
      event,
    };
  }
  return { message_type: "game_event", ...base, event };
}

import { TRPCError } from "@trpc/server";
import {
  LEGACY_CLIENT_MESSAGE_TYPES,
  LEGACY_PUBLISHED,
  type LegacyCommand,
  type LegacyEnvelope,
  LegacyEnvelopeSchema,
  LegacyRequestIdSchema,
  type PublishableMessage,
  PublishableMessageSchema,
} from "../contract/mod.ts";

/** A client's message, understood. */
export type LegacyIncoming =
  | { kind: "ping"; envelope: LegacyEnvelope }
  | { kind: "pong"; envelope: LegacyEnvelope }
  | {
    kind: "publish";
    envelope: LegacyEnvelope;
    message: PublishableMessage;
    /** `target_type`, `exclude_client`, `to_client` when given (admins). */
    routing: Record<string, unknown>;
  }
  | {
    kind: "command";
    envelope: LegacyEnvelope;
    command: LegacyCommand;
    /** The procedure's input: the message without its envelope fields. */
    input: Record<string, unknown>;
  };

/** Which request a refusal answers, as far as it could be read. */
export interface LegacyAbout {
  /** The `message_type`, when it was a string. */
  request?: string;
  /** The `request_id`, when it was valid. */
  request_id?: string | number;
}

/** A message read, or why it was refused. */
export type LegacyParsed =
  | { ok: true; incoming: LegacyIncoming; about: LegacyAbout }
  | { ok: false; error: TRPCError; about: LegacyAbout };

const ENVELOPE = ["message_type", "client_id", "timestamp", "data"];
const ROUTING = ["target_type", "exclude_client", "to_client"];
const SERVER_ONLY = new Set([
  "connection",
  "disconnection",
  "presence_diff",
  "error",
  "game_event",
  "your_turn",
  "result",
]);
const ACCEPTED = LEGACY_CLIENT_MESSAGE_TYPES.join(", ");

function refuse(message: string, cause?: unknown): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause });
}

function without(
  raw: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const rest = { ...raw };
  for (const key of keys) delete rest[key];
  return rest;
}

/**
 * Reads one text frame of the original JSON protocol: malformed JSON, a
 * missing or unknown `message_type`, a server-only type and wrong fields
 * are refused with a BAD_REQUEST (PARSE_ERROR for bad JSON) that says what
 * was wrong; published messages are checked with the hub's own schema.
 */
export function parseLegacyMessage(text: string): LegacyParsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const error = new TRPCError({
      code: "PARSE_ERROR",
      message:
        `The message is not valid JSON (${why}): send one JSON object per text frame, e.g. {"message_type": "ping"}.`,
    });
    return { ok: false, error, about: {} };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    const got = Array.isArray(raw) ? "an array" : JSON.stringify(raw);
    const error = refuse(
      `A message is a JSON object with a "message_type", not ${got}.`,
    );
    return { ok: false, error, about: {} };
  }
  const fields = raw as Record<string, unknown>;
  const type = fields["message_type"];
  const id = LegacyRequestIdSchema.safeParse(fields["request_id"]);
  const about: LegacyAbout = {
    ...(typeof type === "string" ? { request: type.slice(0, 64) } : {}),
    ...(id.success ? { request_id: id.data } : {}),
  };
  const fail = (error: TRPCError): LegacyParsed => ({
    ok: false,
    error,
    about,
  });
  if (typeof type !== "string") {
    return fail(refuse(
      `"message_type" is ${
        type === undefined ? "missing" : "not a string"
      }: every message names its type; clients send ${ACCEPTED}.`,
    ));
  }
  if (SERVER_ONLY.has(type)) {
    return fail(refuse(
      `message_type "${type}" is sent by the server, not by clients; clients send ${ACCEPTED}.`,
    ));
  }
  if (!(LEGACY_CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)) {
    return fail(refuse(
      `Unknown message_type ${
        JSON.stringify(type.slice(0, 64))
      }: clients send ${ACCEPTED}.`,
    ));
  }
  const envelope = LegacyEnvelopeSchema.safeParse(fields);
  if (!envelope.success) return fail(refuse("Invalid input", envelope.error));
  if (type === "ping" || type === "pong") {
    const incoming = type === "ping"
      ? { kind: "ping" as const, envelope: envelope.data }
      : { kind: "pong" as const, envelope: envelope.data };
    return { ok: true, incoming, about };
  }
  if ((LEGACY_PUBLISHED as readonly string[]).includes(type)) {
    const message = PublishableMessageSchema.safeParse(
      without(fields, [...ROUTING, "request_id"]),
    );
    if (!message.success) return fail(refuse("Invalid input", message.error));
    const routing: Record<string, unknown> = {};
    for (const key of ROUTING) {
      if (fields[key] !== undefined) routing[key] = fields[key];
    }
    const incoming = {
      kind: "publish" as const,
      envelope: envelope.data,
      message: message.data,
      routing,
    };
    return { ok: true, incoming, about };
  }
  const incoming = {
    kind: "command" as const,
    envelope: envelope.data,
    command: type as LegacyCommand,
    input: without(fields, [...ENVELOPE, "request_id"]),
  };
  return { ok: true, incoming, about };
}

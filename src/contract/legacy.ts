import { z } from "zod";
import { ClientIdSchema } from "./client.ts";
import { GameIdSchema, PlayerIdSchema, RequestSchema } from "./game.ts";
import { GameEventSchema, YourTurnSchema } from "./game_events.ts";
import {
  AgentMessageSchema,
  ConnectionMessageSchema,
  DisconnectionMessageSchema,
  EpochSecondsSchema,
  ErrorMessageSchema,
  GameStateMessageSchema,
  MessageDataSchema,
  PhaseUpdateMessageSchema,
  PlayerActionMessageSchema,
  PongMessageSchema,
} from "./messages.ts";

/**
 * The messages a legacy client (`/ws/{client_id}`) sends that run a
 * procedure of the typed API, with the same input fields and answers.
 */
export const LEGACY_COMMANDS = [
  "create_game",
  "list_games",
  "join_game",
  "watch_game",
  "start_game",
  "get_state",
  "get_transcript",
  "say",
  "vote",
  "act",
  "bid",
] as const;

/** One of {@linkcode LEGACY_COMMANDS}. */
export type LegacyCommand = (typeof LEGACY_COMMANDS)[number];

/** The original messages a legacy client publishes on the hub. */
export const LEGACY_PUBLISHED = [
  "agent_message",
  "player_action",
  "game_state",
  "phase_update",
] as const;

/** Every `message_type` a legacy client may send. */
export const LEGACY_CLIENT_MESSAGE_TYPES = [
  "ping",
  "pong",
  ...LEGACY_PUBLISHED,
  ...LEGACY_COMMANDS,
] as const;

/** A client's tag for a request, echoed in its `result` or `error`. */
export const LegacyRequestIdSchema = z.union([
  z.string().max(64),
  z.number().finite(),
]);

/**
 * The fields every message a legacy client sends may carry: the original
 * base shape (all optional: the server knows who sent it and when) and a
 * `request_id` to match the answer. Other fields depend on `message_type`.
 */
export const LegacyEnvelopeSchema = z.object({
  message_type: z.string().min(1).max(64),
  client_id: ClientIdSchema.optional(),
  timestamp: EpochSecondsSchema.optional(),
  data: MessageDataSchema.optional(),
  request_id: LegacyRequestIdSchema.optional(),
});

/** The typed form of {@linkcode LegacyEnvelopeSchema}. */
export type LegacyEnvelope = z.infer<typeof LegacyEnvelopeSchema>;

/** What the server adds to every message it sends on `/ws`. */
const sent = {
  /** Pass the last one received as `?last_event_id=` to resume. */
  event_id: z.string(),
  data: MessageDataSchema,
};

const answer = {
  /** The `message_type` of the request answered. */
  request: z.string().optional(),
  /** The request's `request_id`, when it had one. */
  request_id: LegacyRequestIdSchema.optional(),
};

/** `game_event`: an event of the game the connection follows, redacted for it. */
export const LegacyGameEventMessageSchema = z.object({
  message_type: z.literal("game_event"),
  client_id: ClientIdSchema,
  timestamp: EpochSecondsSchema,
  ...sent,
  game_id: GameIdSchema,
  event: GameEventSchema,
});

/** `your_turn`: the game waits for this player (the event's fields on top). */
export const LegacyYourTurnMessageSchema = z.object({
  message_type: z.literal("your_turn"),
  client_id: ClientIdSchema,
  timestamp: EpochSecondsSchema,
  ...sent,
  game_id: GameIdSchema,
  player_id: PlayerIdSchema,
  request: RequestSchema,
  options: z.array(PlayerIdSchema),
  /** The allowed amounts of a `bid` request, lowest first; absent otherwise. */
  amounts: z.array(z.number().int()).optional(),
  deadline: z.number().int(),
  /** The turn's seq in this client's own numbering (as `event.seq`). */
  seq: z.number().int().positive(),
  event: YourTurnSchema,
});

/** `result`: a command's answer, the typed procedure's output. */
export const LegacyResultMessageSchema = z.object({
  message_type: z.literal("result"),
  client_id: ClientIdSchema,
  timestamp: EpochSecondsSchema,
  ...sent,
  ...answer,
  result: z.unknown(),
});

/** Every message the server sends on `/ws`, told apart by `message_type`. */
export const LegacyServerMessageSchema = z.discriminatedUnion("message_type", [
  ConnectionMessageSchema.extend({ event_id: z.string() }),
  DisconnectionMessageSchema.extend({ event_id: z.string() }),
  PongMessageSchema.extend(sent),
  GameStateMessageSchema.extend(sent),
  AgentMessageSchema.extend(sent),
  PlayerActionMessageSchema.extend(sent),
  PhaseUpdateMessageSchema.extend(sent),
  ErrorMessageSchema.extend({ ...sent, ...answer }),
  LegacyGameEventMessageSchema,
  LegacyYourTurnMessageSchema,
  LegacyResultMessageSchema,
]);

/** A message the server sends on `/ws`. */
export type LegacyServerMessage = z.infer<typeof LegacyServerMessageSchema>;

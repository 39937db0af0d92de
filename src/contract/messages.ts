import { z } from "zod";
import { ClientIdSchema, ClientTypeSchema } from "./client.ts";
import { MAX_DATA_DEPTH, plainDataIssue } from "./_plain_data.ts";

export { MAX_DATA_DEPTH };

/** Seconds since the Unix epoch, with a fraction: the original `timestamp`. */
export const EpochSecondsSchema = z.number().finite().nonnegative();

/**
 * Free-form extra data that every original message may carry: a JSON
 * object, at most {@linkcode MAX_DATA_DEPTH} levels deep, without the keys
 * `__proto__`, `constructor` and `prototype` (every subscriber must be able
 * to receive what the hub routes). It is checked as sent, not copied.
 */
export const MessageDataSchema = z
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === "object" && value !== null && !Array.isArray(value),
    "data must be an object",
  )
  .superRefine((value, ctx) => {
    const issue = plainDataIssue(value);
    if (issue !== null) ctx.addIssue({ code: "custom", message: issue });
  });

/** The fields every message of the original protocol has. */
const base = {
  client_id: ClientIdSchema,
  timestamp: EpochSecondsSchema,
  data: MessageDataSchema.optional(),
};

/** A short text field: names, phases, ids of the game. */
const word = z.string().min(1).max(128);

/** `connection`: a client connected (a welcome to itself, presence to others). */
export const ConnectionMessageSchema = z.object({
  message_type: z.literal("connection"),
  ...base,
  data: z.object({
    client_type: ClientTypeSchema,
    connected_at: EpochSecondsSchema,
    reconnected: z.boolean(),
    message: z.string().optional(),
  }),
});

/** `disconnection`: a client left; sent to the other clients. */
export const DisconnectionMessageSchema = z.object({
  message_type: z.literal("disconnection"),
  ...base,
  data: z.object({ client_type: ClientTypeSchema, reason: z.string() }),
});

/**
 * `presence_diff`: several clients connected or left within one presence
 * window (`HUB_PRESENCE_MS`); each change is the original `connection` or
 * `disconnection` message, at most one per client id. Sent by the server
 * only, to `hub.events` subscribers that receive presence.
 */
export const PresenceDiffMessageSchema = z.object({
  message_type: z.literal("presence_diff"),
  ...base,
  data: z.object({
    joins: z.array(ConnectionMessageSchema),
    leaves: z.array(DisconnectionMessageSchema),
  }),
});

/** `ping`: a keep-alive request. */
export const PingMessageSchema = z.object({
  message_type: z.literal("ping"),
  ...base,
});

/** `pong`: the answer to a `ping`. */
export const PongMessageSchema = z.object({
  message_type: z.literal("pong"),
  ...base,
});

/** A player as `game_state` lists it. */
export const GamePlayerSchema = z.object({
  id: word,
  name: z.string().min(1).max(64),
  alive: z.boolean(),
  role: word.optional(),
});

/** `game_state`: the whole visible state of a game. */
export const GameStateMessageSchema = z.object({
  message_type: z.literal("game_state"),
  ...base,
  phase: word,
  players: z.array(GamePlayerSchema).max(64),
  current_turn: z.number().int().nonnegative(),
  alive_count: z.number().int().nonnegative(),
  dead_count: z.number().int().nonnegative(),
});

/**
 * `agent_message`: what an agent says. On the hub, `agent_id` and
 * `agent_name` name the sender (its seat's player id and name, or its
 * client id), so `agent_name` is as long as a client id may be.
 */
export const AgentMessageSchema = z.object({
  message_type: z.literal("agent_message"),
  ...base,
  agent_id: word.optional(),
  agent_name: z.string().min(1).max(128),
  message_text: z.string().min(1).max(4000),
  phase: word.optional(),
  /**
   * Set by the server: how many lines of `message_text` it removed for
   * imitating the game's or the system's voice (the hub text rule);
   * absent when none were.
   */
  redacted_lines: z.number().int().positive().optional(),
});

/** `player_action`: a vote or a night target. */
export const PlayerActionMessageSchema = z.object({
  message_type: z.literal("player_action"),
  ...base,
  agent_id: word.optional(),
  action_type: word,
  target_id: word.nullable().optional(),
  phase: word.optional(),
});

/** `phase_update`: the game moved from one phase to another. */
export const PhaseUpdateMessageSchema = z.object({
  message_type: z.literal("phase_update"),
  ...base,
  old_phase: word.nullable(),
  new_phase: word,
  description: z.string().max(1000).optional(),
  day: z.number().int().nonnegative().optional(),
});

/** `error`: something went wrong; `error` says what and what is allowed. */
export const ErrorMessageSchema = z.object({
  message_type: z.literal("error"),
  ...base,
  error: z.string(),
  code: z.string().optional(),
});

/** Every message of the original protocol, told apart by `message_type`. */
export const HubMessageSchema = z.discriminatedUnion("message_type", [
  ConnectionMessageSchema,
  DisconnectionMessageSchema,
  PresenceDiffMessageSchema,
  PingMessageSchema,
  PongMessageSchema,
  GameStateMessageSchema,
  AgentMessageSchema,
  PlayerActionMessageSchema,
  PhaseUpdateMessageSchema,
  ErrorMessageSchema,
]);

/** A message of the original protocol. */
export type HubMessage = z.infer<typeof HubMessageSchema>;

/** The `message_type` values of the original protocol. */
export type MessageType = HubMessage["message_type"];

/** The message of one `message_type`. */
export type MessageOf<T extends MessageType> = Extract<
  HubMessage,
  { message_type: T }
>;
